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
	LOGBACK_ASYNC;

	/** Builds and starts the stack; the caller stops it. */
	public Stack open(StackSpec spec) {
		try {
			switch (this) {
				case SLUICE:
					return new SluiceStack(spec);
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
