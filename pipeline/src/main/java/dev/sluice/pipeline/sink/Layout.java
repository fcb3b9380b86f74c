package dev.sluice.pipeline.sink;

import dev.sluice.pipeline.LogRecord;

/**
 * Turns a record into text. A layout is compiled once from its configuration and then used for
 * every record; implementations are immutable and thread-safe, and should append straight into
 * the caller's builder without intermediate strings.
 */
@FunctionalInterface
public interface Layout {

	/** Python's {@code logging.BASIC_FORMAT}, {@code %(levelname)s:%(name)s:%(message)s}. */
	Layout BASIC = (record, out) -> {
		out.append(record.level().name()).append(':').append(record.loggerName()).append(':')
				.append(record.message());
		Layouts.appendThrowable(record.thrown(), out);
	};

	/**
	 * Appends one record to {@code out}, without the line terminator (the sink adds its own).
	 * An exception's text, when present, follows the message on the next line, as in Python.
	 *
	 * @param record the record to format
	 * @param out the builder the line is appended to (without a line break)
	 */
	void format(LogRecord record, StringBuilder out);

	/** {@return whether the layout prints the caller's location, which loggers then capture} */
	default boolean needsLocation() {
		return false;
	}

	/**
	 * This layout with a file handler's {@code escapeControlChars} option applied: CR, LF and other
	 * control characters in the message written as escapes, so one record stays one line. Layouts
	 * whose output never holds a raw control character (JSON) return themselves, which is the default.
	 *
	 * @param escape whether control characters are escaped
	 * @return this layout with a file handler's {@code escapeControlChars} option applied
	 */
	default Layout withEscapeControlChars(boolean escape) {
		return this;
	}

	/**
	 * The record as a new String (convenience; sinks on the hot path use the builder form).
	 *
	 * @param record the record to format
	 * @return the record as a new String (convenience; sinks on the hot path use the builder form)
	 */
	default String format(LogRecord record) {
		StringBuilder sb = new StringBuilder(128);
		format(record, sb);
		return sb.toString();
	}
}
