package dev.sluice.pipeline;

import dev.sluice.context.Attributes;

/**
 * A {@link Logger} bound to the attributes of one Reactor Context, for use where a context is at
 * hand but no Mono is wanted: inside {@code Mono.deferContextual}, {@code doOnEach} or
 * {@code transformDeferredContextual}. Cheap to make (one small object); not meant to be kept.
 * Thread-safe and non-blocking.
 */
public final class ContextualLogger {

	private final Logger logger;
	private final Attributes attributes;

	ContextualLogger(Logger logger, Attributes attributes) {
		this.logger = logger;
		this.attributes = attributes;
	}

	/** {@return the attributes records get} */
	public Attributes attributes() {
		return attributes;
	}

	/**
	 * Logs at {@code level} with this view's context.
	 *
	 * @param level the record's level
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void log(Level level, String message, Object... args) {
		if (logger.isEnabled(level)) {
			logger.emitArgs(level, message, args, attributes);
		}
	}

	/**
	 * Logs at TRACE with this view's context.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void trace(String message, Object... args) {
		log(Level.TRACE, message, args);
	}

	/**
	 * Logs at DEBUG with this view's context.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void debug(String message, Object... args) {
		log(Level.DEBUG, message, args);
	}

	/**
	 * Logs at INFO with this view's context.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void info(String message, Object... args) {
		log(Level.INFO, message, args);
	}

	/**
	 * Logs at WARNING with this view's context.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void warn(String message, Object... args) {
		log(Level.WARNING, message, args);
	}

	/**
	 * Logs at ERROR with this view's context.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void error(String message, Object... args) {
		log(Level.ERROR, message, args);
	}

	/**
	 * Logs at CRITICAL with this view's context.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	public void critical(String message, Object... args) {
		log(Level.CRITICAL, message, args);
	}
}
