package dev.sluice.layouts;

import dev.sluice.pipeline.Level;

/** Logback's name of a level, for layouts whose readers expect Logback's five. Stateless. */
final class LogbackLevel {

	private LogbackLevel() {
	}

	/**
	 * The Logback level a Python level falls in: CRITICAL is ERROR (Logback has no higher one),
	 * WARNING is WARN, a custom level takes the name of the level below it (15 is DEBUG), below
	 * DEBUG is TRACE.
	 */
	static String name(Level level) {
		int v = level.value();
		if (v >= Level.ERROR.value()) {
			return "ERROR";
		}
		if (v >= Level.WARNING.value()) {
			return "WARN";
		}
		if (v >= Level.INFO.value()) {
			return "INFO";
		}
		return v >= Level.DEBUG.value() ? "DEBUG" : "TRACE";
	}
}
