package dev.sluice.benchmarks;

/** Keeps the database drivers' DEBUG lines out of a measurement. */
final class QuietDrivers {

	private QuietDrivers() {
	}

	/**
	 * Logback is on the benchmarks' class path for the comparisons; unconfigured it prints the
	 * drivers' DEBUG lines (one per query, with every parameter), which would be measured too.
	 */
	static void apply() {
		if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
			logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
		}
	}
}
