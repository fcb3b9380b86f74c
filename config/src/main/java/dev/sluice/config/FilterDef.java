package dev.sluice.config;

import dev.sluice.pipeline.Level;

/**
 * One entry of dictConfig's {@code filters}, validated. A record passes when it passes every
 * criterion that is set (then {@code invert} turns the answer round):
 * <ul>
 * <li>{@code name}: Python's {@code logging.Filter(name)}: the logger is {@code name} or below it
 * ({@code a.b} passes {@code a.b} and {@code a.b.c}, not {@code a.bc}); empty passes all.</li>
 * <li>{@code min_level}, {@code max_level}: the record's level is within the range (inclusive).</li>
 * <li>{@code logger_regex}, {@code message_regex}: the regular expression (Java syntax) is found in
 * the logger name / the formatted message, as Python's {@code re.search}.</li>
 * </ul>
 * Immutable; patterns are kept as text so that equal definitions are equal.
 */
public record FilterDef(String name, Level minLevel, Level maxLevel, String loggerRegex, String messageRegex,
		boolean invert) {
}
