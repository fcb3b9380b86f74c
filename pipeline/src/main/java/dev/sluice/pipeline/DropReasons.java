package dev.sluice.pipeline;

/**
 * The reasons a record is counted as dropped. Each is a tag value of the
 * {@code sluice.sink.records.dropped} and {@code sluice.ingress.records.dropped} counters; sinks
 * may add their own (such as {@code rejected_too_old}).
 */
public final class DropReasons {

	/** The ingress queue was full when the caller logged (the caller never waits). */
	public static final String INGRESS_FULL = "ingress_full";
	/** Logged after shutdown began; the record was written to stderr instead. */
	public static final String AFTER_SHUTDOWN = "after_shutdown";
	/** A sink's buffer was full and its policy is drop_newest. */
	public static final String BUFFER_FULL = "buffer_full";
	/** Evicted from a full buffer to make room for a newer record (drop_oldest). */
	public static final String EVICTED = "evicted";
	/** Below the sink's discard level while its buffer was over the fill mark. */
	public static final String BELOW_THRESHOLD = "below_threshold";
	/** The block policy waited its whole timeout for room in the buffer. */
	public static final String BLOCK_TIMEOUT = "block_timeout";
	/** The sink's write failed. */
	public static final String SINK_ERROR = "sink_error";
	/**
	 * The router failed on this record (a logger filter, a route, the last-resort handler threw):
	 * the record is lost, the router goes on with the next one.
	 */
	public static final String ROUTE_ERROR = "route_error";
	/** A layout or formatter threw on this record: the record is lost, the rest of its batch is written. */
	public static final String FORMAT_ERROR = "format_error";
	/**
	 * Refused by a logger that a configuration disabled ({@code disable_existing_loggers}, or a
	 * logger's {@code disabled} flag), as Python's disabled loggers refuse every record.
	 */
	public static final String LOGGER_DISABLED = "logger_disabled";
	/** Handed to a fallback handler that the configuration does not define. */
	public static final String NO_SUCH_HANDLER = "no_such_handler";
	/** Handed to a sink (as its fallback) after that sink had closed. */
	public static final String SINK_CLOSED = "sink_closed";
	/** Still buffered (or being written) when the shutdown deadline passed. */
	public static final String SHUTDOWN_DEADLINE = "shutdown_deadline";
	/**
	 * Skipped by a sink because a record with the same id was already written within its
	 * de-duplication window (at-least-once redelivery, such as {@code sluice ship --from kafka}):
	 * not lost, the earlier copy was written. The id is the record's {@link LogRecord#RECORD_ID} attribute.
	 */
	public static final String DUPLICATE = "duplicate";


	private DropReasons() {
	}
}
