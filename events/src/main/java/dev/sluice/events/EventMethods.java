package dev.sluice.events;

import dev.sluice.pipeline.Level;

/**
 * The event log's INFO, WARNING and ERROR calls, with or without an {@link EventContext} pushed for
 * the one event; each is {@link #log} at its level. Implementations are thread-safe and never block.
 */
public interface EventMethods {

	/** Logs at {@code level} with {@code context} for this event: an event too when INFO or above; a trailing Throwable is the Detail. */
	void log(Level level, EventContext context, String message, Object... args);

	/** {@code log(INFO, EventContext.empty(), message, args)}. */
	default void info(String message, Object... args) {
		log(Level.INFO, EventContext.empty(), message, args);
	}

	/** {@code log(INFO, context, message, args)}. */
	default void info(EventContext context, String message, Object... args) {
		log(Level.INFO, context, message, args);
	}

	/** {@code log(WARNING, EventContext.empty(), message, args)}. */
	default void warn(String message, Object... args) {
		log(Level.WARNING, EventContext.empty(), message, args);
	}

	/** {@code log(WARNING, context, message, args)}. */
	default void warn(EventContext context, String message, Object... args) {
		log(Level.WARNING, context, message, args);
	}

	/** {@code log(ERROR, EventContext.empty(), message, args)}. */
	default void error(String message, Object... args) {
		log(Level.ERROR, EventContext.empty(), message, args);
	}

	/** {@code log(ERROR, context, message, args)}. */
	default void error(EventContext context, String message, Object... args) {
		log(Level.ERROR, context, message, args);
	}
}
