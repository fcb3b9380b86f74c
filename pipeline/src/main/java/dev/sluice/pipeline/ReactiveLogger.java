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

	/** Logs at {@code level} with the subscriber's context, when subscribed. */
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

	/** Logs at TRACE with the subscriber's context, when subscribed. */
	public Mono<Void> trace(String message, Object... args) {
		return log(Level.TRACE, message, args);
	}

	/** Logs at DEBUG with the subscriber's context, when subscribed. */
	public Mono<Void> debug(String message, Object... args) {
		return log(Level.DEBUG, message, args);
	}

	/** Logs at INFO with the subscriber's context, when subscribed. */
	public Mono<Void> info(String message, Object... args) {
		return log(Level.INFO, message, args);
	}

	/** Logs at WARNING with the subscriber's context, when subscribed. */
	public Mono<Void> warn(String message, Object... args) {
		return log(Level.WARNING, message, args);
	}

	/** Logs at ERROR with the subscriber's context, when subscribed. */
	public Mono<Void> error(String message, Object... args) {
		return log(Level.ERROR, message, args);
	}

	/** Logs at CRITICAL with the subscriber's context, when subscribed. */
	public Mono<Void> critical(String message, Object... args) {
		return log(Level.CRITICAL, message, args);
	}
}
