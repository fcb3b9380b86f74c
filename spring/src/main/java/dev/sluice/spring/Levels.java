package dev.sluice.spring;

import org.springframework.boot.logging.LogLevel;

import dev.sluice.pipeline.Level;

/**
 * Spring Boot's levels and Sluice's (Python's numbers). Boot's OFF has no Python name: it is a
 * level above CRITICAL that no record reaches. Stateless.
 */
final class Levels {

	/** Above every record's level: a logger at OFF logs nothing. */
	static final Level OFF = Level.of(Integer.MAX_VALUE);

	private Levels() {
	}

	/** Boot's level as Sluice's; null (inherit) stays null. */
	static Level toSluice(LogLevel level) {
		if (level == null) {
			return null;
		}
		switch (level) {
			case TRACE:
				return Level.TRACE;
			case DEBUG:
				return Level.DEBUG;
			case INFO:
				return Level.INFO;
			case WARN:
				return Level.WARNING;
			case ERROR:
				return Level.ERROR;
			case FATAL:
				return Level.CRITICAL;
			case OFF:
			default:
				return OFF;
		}
	}

	/**
	 * The Boot level a record of at least {@code level} maps to: the nearest Boot level that lets
	 * the same records through (Python's custom levels between two names round up). NOTSET (log
	 * everything) is TRACE.
	 */
	static LogLevel toBoot(Level level) {
		int v = level.value();
		if (v > Level.CRITICAL.value()) {
			return LogLevel.OFF;
		}
		if (v > Level.ERROR.value()) {
			return LogLevel.FATAL;
		}
		if (v > Level.WARNING.value()) {
			return LogLevel.ERROR;
		}
		if (v > Level.INFO.value()) {
			return LogLevel.WARN;
		}
		if (v > Level.DEBUG.value()) {
			return LogLevel.INFO;
		}
		if (v > Level.TRACE.value()) {
			return LogLevel.DEBUG;
		}
		return LogLevel.TRACE;
	}
}
