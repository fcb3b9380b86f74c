package dev.sluice.pipeline;

import java.util.Locale;
import java.util.Objects;

/**
 * A log level, with Python's names and numbers so that a dictConfig file means the same here.
 *
 * <p>TRACE 5, DEBUG 10, INFO 20, WARNING 30 (WARN is an alias), ERROR 40, CRITICAL 50 (FATAL
 * is an alias), NOTSET 0. Any other number is a valid custom level, named {@code "Level N"} as
 * Python names it. Instances are immutable; the named ones are singletons and compare by number.
 */
public final class Level implements Comparable<Level> {

	/** Python's NOTSET (0): a logger at NOTSET inherits its parent's level; a handler at NOTSET takes everything. */
	public static final Level NOTSET = new Level("NOTSET", 0);
	/** TRACE (5), below DEBUG, for SLF4J and Java callers. */
	public static final Level TRACE = new Level("TRACE", 5);
	/** DEBUG (10). */
	public static final Level DEBUG = new Level("DEBUG", 10);
	/** INFO (20). */
	public static final Level INFO = new Level("INFO", 20);
	/** WARNING (30), the root logger's default level. */
	public static final Level WARNING = new Level("WARNING", 30);
	/** Alias of {@link #WARNING}. */
	public static final Level WARN = WARNING;
	/** ERROR (40). */
	public static final Level ERROR = new Level("ERROR", 40);
	/** CRITICAL (50). */
	public static final Level CRITICAL = new Level("CRITICAL", 50);
	/** Alias of {@link #CRITICAL}. */
	public static final Level FATAL = CRITICAL;

	private static final Level[] NAMED = {NOTSET, TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL};

	private final String name;
	private final int value;

	private Level(String name, int value) {
		this.name = name;
		this.value = value;
	}

	/**
	 * The level of number {@code value}: a named one, or a custom {@code "Level N"}.
	 *
	 * @param value Python's number of the level
	 * @return the level of number {@code value}
	 */
	public static Level of(int value) {
		for (Level l : NAMED) {
			if (l.value == value) {
				return l;
			}
		}
		return new Level("Level " + value, value);
	}

	/**
	 * Parses a level name (any case; WARN and FATAL are aliases) or a decimal number.
	 *
	 * @param text a level name or number, as in a config
	 * @return the level of that name or number
	 * @throws IllegalArgumentException naming the text and the accepted names when it is neither
	 */
	public static Level parse(String text) {
		Objects.requireNonNull(text, "level");
		String t = text.trim().toUpperCase(Locale.ROOT);
		switch (t) {
			case "WARN":
				return WARNING;
			case "FATAL":
				return CRITICAL;
			default:
				for (Level l : NAMED) {
					if (l.name.equals(t)) {
						return l;
					}
				}
		}
		if (!t.isEmpty() && t.chars().allMatch(Character::isDigit) && t.length() < 10) {
			return of(Integer.parseInt(t));
		}
		throw new IllegalArgumentException("unknown level '" + text
				+ "': expected one of NOTSET, TRACE, DEBUG, INFO, WARNING (WARN), ERROR, CRITICAL (FATAL) or a number");
	}

	/** {@return Python's name: "WARNING", "CRITICAL", or "Level N" for a custom level} */
	public String name() {
		return name;
	}

	/** {@return Python's number} */
	public int value() {
		return value;
	}

	/**
	 * Whether this level is {@code other} or more severe.
	 *
	 * @param other the level to compare with
	 * @return {@code true} if this level is {@code other} or more severe
	 */
	public boolean isAtLeast(Level other) {
		return value >= other.value;
	}

	@Override
	public int compareTo(Level o) {
		return Integer.compare(value, o.value);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Level && ((Level) o).value == value;
	}

	@Override
	public int hashCode() {
		return value;
	}

	@Override
	public String toString() {
		return name;
	}
}
