package dev.sluice.benchmarks.stacks;

/** The libraries measured side by side (JMH {@code @Param} values). */
public enum Library {
	/** Sluice: MPSC ingress, router thread, one runner thread per sink. */
	SLUICE,
	/** Log4j2 all-async loggers ({@code AsyncLoggerContextSelector}'s context, LMAX Disruptor 3.4.4). */
	LOG4J2_ALL_ASYNC,
	/** Log4j2 synchronous loggers with an {@code AsyncAppender} per appender (ArrayBlockingQueue). */
	LOG4J2_ASYNC_APPENDER,
	/** Logback {@code AsyncAppender} per appender (Spring Boot's default stack). */
	LOGBACK_ASYNC,
	/**
	 * Sluice set up so that callers go at the pipeline's pace under a flood instead of dropping:
	 * {@code callerWait} of 1 s and the {@code block} policy (1 s) on the main sink's buffer.
	 * Measured in caller cost only, beside the default setup.
	 */
	SLUICE_WAIT;

	/** The four stacks every measure runs (caller cost adds {@link #SLUICE_WAIT}). */
	public static final java.util.List<Library> BASE = java.util.List.of(SLUICE, LOG4J2_ALL_ASYNC,
			LOG4J2_ASYNC_APPENDER, LOGBACK_ASYNC);

	/** Whether this is Sluice, in any setup (Sluice must account for every record). */
	public boolean isSluice() {
		return this == SLUICE || this == SLUICE_WAIT;
	}

	/** Builds and starts the stack; the caller stops it. */
	public Stack open(StackSpec spec) {
		try {
			switch (this) {
				case SLUICE:
					return new SluiceStack(spec, false);
				case SLUICE_WAIT:
					return new SluiceStack(spec, true);
				case LOG4J2_ALL_ASYNC:
					return new Log4j2Stack(spec, true);
				case LOG4J2_ASYNC_APPENDER:
					return new Log4j2Stack(spec, false);
				case LOGBACK_ASYNC:
					return new LogbackStack(spec);
				default:
					throw new AssertionError(this);
			}
		}
		catch (RuntimeException e) {
			throw new IllegalStateException("cannot set up " + this + " for " + spec.profile() + ": " + e.getMessage(), e);
		}
	}
}
