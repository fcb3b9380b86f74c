package dev.sluice.events;

import java.util.Locale;

import dev.sluice.pipeline.Level;

/**
 * An event's level: {@code info}, {@code warning} or {@code error} (never {@code warn}). Log
 * levels map onto them: WARNING (Java's warn) becomes {@link #WARNING}, ERROR and CRITICAL
 * (fatal) become {@link #ERROR}. Levels below INFO make no event.
 */
public enum EventLevel {

	INFO, WARNING, ERROR;

	/** The name used in events and queries: {@code "warning"}. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The log level an event of this level is logged at. */
	public Level logLevel() {
		switch (this) {
		case INFO:
			return Level.INFO;
		case WARNING:
			return Level.WARNING;
		default:
			return Level.ERROR;
		}
	}

	/**
	 * The event level of a log level, or null when the level is below INFO (no event).
	 */
	public static EventLevel of(Level level) {
		int v = level.value();
		if (v >= Level.ERROR.value()) {
			return ERROR;
		}
		if (v >= Level.WARNING.value()) {
			return WARNING;
		}
		if (v >= Level.INFO.value()) {
			return INFO;
		}
		return null;
	}

	/**
	 * The level called {@code text}: info, warning (or warn), error (or fatal, critical).
	 *
	 * @throws IllegalArgumentException for anything else
	 */
	public static EventLevel parse(String text) {
		switch (text.trim().toLowerCase(Locale.ROOT)) {
		case "info":
			return INFO;
		case "warning":
		case "warn":
			return WARNING;
		case "error":
		case "fatal":
		case "critical":
			return ERROR;
		default:
			throw new IllegalArgumentException("event level '" + text + "' is not one of: info, warning, error");
		}
	}

	@Override
	public String toString() {
		return label();
	}
}
