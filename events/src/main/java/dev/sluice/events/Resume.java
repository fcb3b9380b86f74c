package dev.sluice.events;

import java.util.Optional;

import dev.sluice.context.Attributes;
import dev.sluice.context.LogContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/** The resume operators of {@link EventLogger}: look up, then run the work in the found operation. */
final class Resume {

	private Resume() {
	}

	static <T> Mono<T> mono(EventLogger events, EventStore store, String attribute, Object value, Mono<T> work) {
		return Mono.deferContextual(ctx -> lookup(store, attribute, value)
				.flatMap(found -> work.contextWrite(c -> resumed(c, found, events, ctx, attribute, value))));
	}

	static <T> Flux<T> flux(EventLogger events, EventStore store, String attribute, Object value, Flux<T> work) {
		return Flux.deferContextual(ctx -> lookup(store, attribute, value)
				.flatMapMany(found -> work.contextWrite(c -> resumed(c, found, events, ctx, attribute, value))));
	}

	private static Mono<Optional<Event>> lookup(EventStore store, String attribute, Object value) {
		return store.latestPrimary(attribute, value).map(Optional::of).defaultIfEmpty(Optional.empty());
	}

	private static Context resumed(Context c, Optional<Event> found, EventLogger events, ContextView outer,
			String attribute, Object value) {
		Attributes a = LogContext.attributes(c).with(EventKeys.ACTIVITY_ID, Events.newId());
		if (found.isPresent()) {
			Event e = found.get();
			a = a.with(EventKeys.OPERATION_ID, e.operationId()).with(EventKeys.USER, e.user());
			return c.put(LogContext.KEY, a).put(UnitOfWork.KEY, new UnitOfWork(false));
		}
		events.in(outer).error("Could not resume: no primary event has {} === {}", attribute,
				value instanceof String ? Events.quote((String) value) : value);
		a = a.with(EventKeys.OPERATION_ID, Events.newId());
		return c.put(LogContext.KEY, a).put(UnitOfWork.KEY, new UnitOfWork(true));
	}
}
