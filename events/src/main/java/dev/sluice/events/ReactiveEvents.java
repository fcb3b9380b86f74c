package dev.sluice.events;

import dev.sluice.context.LogContext;
import dev.sluice.pipeline.Level;
import reactor.core.publisher.Mono;

/**
 * The reactive view of an {@link EventLogger}: each method returns a {@code Mono<Void>} that,
 * when subscribed, logs (or changes the unit of work's stack) with the subscriber's Reactor
 * Context, then completes. Nothing happens until subscription; each subscription acts once.
 *
 * <pre>{@code
 * Flux.fromIterable(items).concatMap(item -> events.reactive().add(EventContext.of("ItemId", item.id()))
 *         .then(process(item))
 *         .then(events.reactive().info("Processed item {}", item.id()))
 *         .then(events.reactive().remove()))
 * }</pre>
 *
 * <p>{@link #add} and {@link #remove} error with {@link IllegalStateException} when the chain
 * has no unit of work ({@link Events#unitOfWork}). Non-blocking and thread-safe.
 */
public final class ReactiveEvents {

	private final EventLogger events;

	ReactiveEvents(EventLogger events) {
		this.events = events;
	}

	public Mono<Void> log(Level level, EventContext context, String message, Object... args) {
		return Mono.deferContextual(ctx -> {
			events.emit(level, context, LogContext.attributes(ctx), Events.unit(ctx), null, message, args, null);
			return Mono.empty();
		});
	}

	public Mono<Void> debug(String message, Object... args) {
		return log(Level.DEBUG, EventContext.empty(), message, args);
	}

	public Mono<Void> info(String message, Object... args) {
		return log(Level.INFO, EventContext.empty(), message, args);
	}

	public Mono<Void> info(EventContext context, String message, Object... args) {
		return log(Level.INFO, context, message, args);
	}

	public Mono<Void> warn(String message, Object... args) {
		return log(Level.WARNING, EventContext.empty(), message, args);
	}

	public Mono<Void> warn(EventContext context, String message, Object... args) {
		return log(Level.WARNING, context, message, args);
	}

	public Mono<Void> error(String message, Object... args) {
		return log(Level.ERROR, EventContext.empty(), message, args);
	}

	public Mono<Void> error(EventContext context, String message, Object... args) {
		return log(Level.ERROR, context, message, args);
	}

	/** Pushes {@code context} onto the chain's unit-of-work stack. */
	public Mono<Void> add(EventContext context) {
		return Mono.deferContextual(ctx -> {
			events.in(ctx).add(context);
			return Mono.empty();
		});
	}

	/** Pops the last add of the chain's unit of work. */
	public Mono<Void> remove() {
		return Mono.deferContextual(ctx -> {
			events.in(ctx).remove();
			return Mono.empty();
		});
	}
}
