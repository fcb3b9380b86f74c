package dev.sluice.spring;

import dev.sluice.events.EventContext;
import dev.sluice.events.EventLogger;
import dev.sluice.events.Events;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.Sluice;
import reactor.core.publisher.Mono;

/**
 * The event log's side of a request, used only when the {@code events} module is on the class
 * path: the request runs as an {@link Events#unitOfWork} (ActivityId, the context stack that
 * {@code add}/{@code remove} and {@code timed} use), and its access record is an event too.
 */
final class EventsSupport {

	private EventsSupport() {
	}

	/** {@code work} as an {@link Events#unitOfWork}: EntryPoint, User, ActivityId, its own context stack. */
	static Mono<Void> unitOfWork(String entryPoint, String user, Mono<Void> work) {
		return Events.unitOfWork(entryPoint, user, work);
	}

	/** An access recorder writing through an event logger over {@code access}. */
	static AccessRecorder recorder(Sluice sluice, Logger access) {
		EventLogger events = Events.logger(sluice, access.name());
		return (ctx, level, status, duration, outcome, request, message, args) -> {
			java.util.Map<String, Object> attributes = new java.util.LinkedHashMap<>(request);
			attributes.put(UnitOfWorkWebFilter.STATUS, status);
			attributes.put(UnitOfWorkWebFilter.OUTCOME, outcome);
			attributes.put("Duration", duration);
			events.in(ctx).log(level, EventContext.of(attributes).category("system"), message, args);
		};
	}
}
