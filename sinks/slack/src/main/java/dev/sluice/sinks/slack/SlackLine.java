package dev.sluice.sinks.slack;

import java.util.Objects;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;

/**
 * One record as the Slack sink posts it: its formatted, escaped line (the formatter's output,
 * cut to one message), and the key under which records of the same burst are grouped. Lines of
 * one batch that share a key are placed next to each other ({@link #order()}) so that a request
 * carries a burst whole. Immutable.
 */
final class SlackLine {

	private final LogRecord record;
	private final String text;
	private final String groupKey;
	private final int order;

	SlackLine(LogRecord record, String text, String groupKey, int order) {
		this.record = Objects.requireNonNull(record, "record");
		this.text = Objects.requireNonNull(text, "text");
		this.groupKey = Objects.requireNonNull(groupKey, "groupKey");
		this.order = order;
	}

	/**
	 * The key of a burst: the same logger, level and message template (before its arguments are
	 * filled), as "the same message" to a reader of the channel.
	 */
	static String groupKey(LogRecord record) {
		return record.loggerName() + '\u0000' + record.level().value() + '\u0000' + record.template();
	}

	LogRecord record() {
		return record;
	}

	Level level() {
		return record.level();
	}

	/** The escaped line, at most one message long. */
	String text() {
		return text;
	}

	String groupKey() {
		return groupKey;
	}

	/** The position of the line's group in its batch (first appearance). */
	int order() {
		return order;
	}

	@Override
	public String toString() {
		return "SlackLine{" + record.level() + ' ' + record.loggerName() + ", " + text.length() + " chars}";
	}
}
