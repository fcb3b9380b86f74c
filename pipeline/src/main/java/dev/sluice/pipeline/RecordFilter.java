package dev.sluice.pipeline;

/**
 * Decides whether a record goes on, as a Python logging filter does. Filters of a logger run on
 * the router thread, filters of a handler on that handler's runner thread; either way never on the
 * caller's. Implementations must be thread-safe and must not block. A filter that throws counts
 * as rejecting the record, and the failure is reported once.
 */
@FunctionalInterface
public interface RecordFilter {

	/**
	 * Whether {@code record} passes.
	 *
	 * @param record a record routed to the handler or logger
	 * @return {@code true} if {@code record} passes
	 */
	boolean test(LogRecord record);
}
