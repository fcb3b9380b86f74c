package dev.sluice.sinks.cloudwatch;

/**
 * One CloudWatch Logs event as it will be sent: the stream it goes to, its timestamp (epoch
 * milliseconds, the record's time) and its message (never empty, at most
 * {@code max_message_size} UTF-8 bytes).
 */
record LogEvent(String stream, long timestamp, String message) {

	/** What PutLogEvents counts per event beyond the message's UTF-8 bytes. */
	static final int OVERHEAD = 26;
}
