package dev.sluice.pipeline;

import dev.sluice.context.LogContext;
import reactor.core.publisher.Mono;

/**
 * The reactive view of a {@link Logger}: each method returns a {@code Mono<Void>} that, when
 * subscribed, logs one record with the attributes of the subscriber's Reactor Context, then
 * completes. Nothing happens until subscription; the level is checked at subscription, so a
 * level changed at run time is honoured by Monos assembled earlier.
 *
 * <p>{@code return service.call().flatMap(r -> log.reactive().info("got {}", r).thenReturn(r));}
 *
 * <p>Non-blocking and thread-safe; the returned Monos can be subscribed any number of times
 * (each subscription logs once).
 */
public final class ReactiveLogger {

	private final Logger logger;

	ReactiveLogger(Logger logger) {
		this.logger = logger;
	}

	/**
	 * Logs at {@code level} with the subscriber's context, when subscribed.
	 *
	 * @param level the record's level
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 * @return a {@code Mono} that logs at {@code level} when subscribed, then completes; it never errors
	 */
	public Mono<Void> log(Level level, String message, Object... args) {
		return Mono.deferContextual(ctx -> {
			if (logger.isEnabled(level)) {
				logger.emitArgs(level, message, args, LogContext.attributes(ctx));
			}
			else {
				logger.refused(level);
			}
			return Mono.empty();
		});
	}

	/**
	 * Logs at TRACE with the subscriber's context, when subscribed.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 * @return a {@code Mono} that logs at TRACE when subscribed, then completes; it never errors
	 */
	public Mono<Void> trace(String message, Object... args) {
		return log(Level.TRACE, message, args);
	}

	/**
	 * Logs at DEBUG with the subscriber's context, when subscribed.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 * @return a {@code Mono} that logs at DEBUG when subscribed, then completes; it never errors
	 */
	public Mono<Void> debug(String message, Object... args) {
		return log(Level.DEBUG, message, args);
	}

	/**
	 * Logs at INFO with the subscriber's context, when subscribed.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 * @return a {@code Mono} that logs at INFO when subscribed, then completes; it never errors
	 */
	public Mono<Void> info(String message, Object... args) {
		return log(Level.INFO, message, args);
	}

	/**
	 * Logs at WARNING with the subscriber's context, when subscribed.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 * @return a {@code Mono} that logs at WARNING when subscribed, then completes; it never errors
	 */
	public Mono<Void> warn(String message, Object... args) {
		return log(Level.WARNING, message, args);
	}

	/**
	 * Logs at ERROR with the subscriber's context, when subscribed.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 * @return a {@code Mono} that logs at ERROR when subscribed, then completes; it never errors
	 */
	public Mono<Void> error(String message, Object... args) {
		return log(Level.ERROR, message, args);
	}

	/**
	 * Logs at CRITICAL with the subscriber's context, when subscribed.
	 *
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 * @return a {@code Mono} that logs at CRITICAL when subscribed, then completes; it never errors
	 */
	public Mono<Void> critical(String message, Object... args) {
		return log(Level.CRITICAL, message, args);
	}
}
