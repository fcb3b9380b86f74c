package dev.sluice.sinks.delivery;

import java.util.Objects;

import dev.sluice.pipeline.LogRecord;

/**
 * One record as a remote service will receive it: the record itself (kept so that it can be
 * handed to a fallback handler), the service's form of it (a CloudWatch event, a Slack line, a
 * Bugsnag event), and its size as the service counts it toward a request's byte limit (for
 * CloudWatch Logs: the message's UTF-8 bytes plus 26). Immutable.
 *
 * @param <E> the service's form of a record
 */
public final class Entry<E> {

	private final LogRecord record;
	private final E value;
	private final long bytes;

	private Entry(LogRecord record, E value, long bytes) {
		this.record = Objects.requireNonNull(record, "record");
		this.value = Objects.requireNonNull(value, "value");
		if (bytes < 0) {
			throw new IllegalArgumentException("an entry's size must not be negative, was " + bytes);
		}
		this.bytes = bytes;
	}

	/**
	 * @param record the record this entry was made from
	 * @param value  the service's form of it
	 * @param bytes  its size as the service counts it (0 when the service has no byte limit)
	 */
	public static <E> Entry<E> of(LogRecord record, E value, long bytes) {
		return new Entry<>(record, value, bytes);
	}

	public LogRecord record() {
		return record;
	}

	public E value() {
		return value;
	}

	public long bytes() {
		return bytes;
	}

	@Override
	public String toString() {
		return "Entry{" + bytes + " bytes, " + value + '}';
	}
}
