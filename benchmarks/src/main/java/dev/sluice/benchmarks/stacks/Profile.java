package dev.sluice.benchmarks.stacks;

/** How each library is set up for a measure. The settings per library are in its {@link Stack}. */
public enum Profile {
	/**
	 * Caller cost, allocation, reload: each library's defaults for its async setup, Logback's
	 * AsyncAppender with {@code neverBlock}.
	 */
	CALLER,
	/**
	 * End to end: every record must reach the file. Log4j2's defaults already block when full;
	 * Logback's AsyncAppender blocks ({@code neverBlock=false}, {@code discardingThreshold=0});
	 * Sluice, whose caller never blocks, gets an ingress as large as the run and a file sink
	 * buffer with the {@code block} policy.
	 */
	LOSSLESS,
	/** Stalled sink: every library at its defaults, what a user who changed nothing would see. */
	DEFAULTS
}
