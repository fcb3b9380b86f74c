package dev.sluice.pipeline;

/**
 * A logger's name as its records carry it, with the route the router last computed for it, so that
 * records of one logger are routed without a look-up by name. One per {@link Logger}; records made
 * by a {@link LogRecord.Builder} get their own (they reach sinks directly, never the router). The route is written and read by the router thread
 * only; a route left from another plan or another pipeline is recognised as stale by the router.
 * (A stale route keeps the runners of a retired plan reachable until the logger's next record:
 * closed sinks, so memory only.)
 */
final class RoutedName {

	final String name;
	/** The router's cached route for this name, or null; opaque here. */
	Object route;

	RoutedName(String name) {
		this.name = name;
	}
}
