package dev.sluice.sinks.bugsnag;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.sinks.delivery.BatchLimits;
import dev.sluice.sinks.delivery.DeliveryEngine;
import dev.sluice.sinks.delivery.DeliveryException;
import dev.sluice.sinks.delivery.DeliveryOptions;
import dev.sluice.sinks.delivery.Entry;
import dev.sluice.sinks.delivery.Failure;
import dev.sluice.sinks.delivery.FeedbackLoop;
import dev.sluice.sinks.delivery.Outcome;
import dev.sluice.sinks.delivery.Request;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Reports errors to Bugsnag through the delivery engine, one event per request.
 *
 * <p>Each record of a batch, in routing order, is either an event (its level reaches the event
 * level: the handler's, or {@code notify_level}; or the hooks marked it unhandled): built with the
 * breadcrumbs of its unit of work, redacted, trimmed under 1 MB, and handed to the engine; or, when its level reaches
 * {@code breadcrumb_log_level}, a breadcrumb of its unit of work ({@link BreadcrumbTrails}),
 * which it is delivered as. Records below both only pass through (as a level filter would).
 * Events of a release stage not in {@code notify_release_stages} are counted as dropped with
 * reason {@code release_stage_not_notified}, as bugsnag-python does not send them.
 *
 * <p>Threading: {@code write} runs on the sink's runner thread (building events, which may be
 * costly, never happens on a Reactor thread); the calls are non-blocking and the engine's waits
 * are timers on its scheduler.
 */
final class BugsnagSink implements Sink {

	static final String NOT_NOTIFIED = "release_stage_not_notified";

	private final BugsnagSettings settings;
	private final BugsnagEvents events;
	private final BreadcrumbTrails trails;
	private final PayloadTrimmer trimmer = new PayloadTrimmer(PayloadTrimmer.MAX_PAYLOAD_BYTES);
	private final DeliveryEngine<byte[]> engine;
	private final BugsnagHooks hooks;
	/** Calls made whose answer is not fully handled yet (tests move virtual time only at zero). */
	private final AtomicInteger calls = new AtomicInteger();

	BugsnagSink(SinkSpec spec, BugsnagSettings settings, DeliveryOptions delivery, Scheduler scheduler) {
		this.settings = settings;
		this.events = new BugsnagEvents(settings, spec.environment().clock());
		this.trails = new BreadcrumbTrails(settings.maxBreadcrumbs(), 4_096);
		BugsnagApi api = new BugsnagApi(settings, spec.environment().clock());
		DeliveryEngine.Builder<byte[]> builder = DeliveryEngine.<byte[]>builder(spec.handlerName(),
				request -> send(api, request), spec.environment())
				.limits(BatchLimits.of(1, PayloadTrimmer.MAX_PAYLOAD_BYTES))
				.concurrency(2)
				.scheduler(scheduler);
		this.engine = delivery.applyTo(builder, spec).build();
		if (settings.autoNotify()) {
			var self = spec.environment().handoff(spec.handlerName());
			this.hooks = BugsnagHooks.install(r -> self.accept(List.of(r)));
		}
		else {
			this.hooks = null;
		}
	}

	private Mono<Outcome> send(BugsnagApi api, Request<byte[]> request) {
		return Mono.defer(() -> {
			calls.incrementAndGet();
			return api.post(request.values().get(0)).flatMap(reply -> {
				Failure f = BugsnagFailures.of(reply);
				return f == null ? Mono.just(Outcome.delivered())
						: Mono.<Outcome>error(new DeliveryException(f, "Bugsnag answered HTTP " + reply.status));
			}).doFinally(s -> calls.decrementAndGet());
		});
	}

	@Override
	public Mono<Void> write(Batch batch) {
		List<Entry<byte[]>> entries = new ArrayList<>();
		int notNotified = 0;
		int feedback = 0;
		for (LogRecord r : batch.records()) {
			if (FeedbackLoop.HTTP_CLIENT.isFeedback(r.loggerName())) {
				feedback++;
				continue;
			}
			boolean unhandled = r.attributes().contains(BugsnagEvents.UNHANDLED);
			if (unhandled || r.level().value() >= settings.notifyLevel().value()) {
				if (!settings.notifiesThisStage()) {
					notNotified++;
					continue;
				}
				ObjectNode payload = events.payload(events.event(r, trails.trailOf(r)));
				byte[] bytes = trimmer.fit(payload);
				entries.add(Entry.of(r, bytes, bytes.length));
			}
			else if (r.level().value() >= settings.breadcrumbLevel().value()) {
				trails.leave(r);
			}
		}
		batch.dropped(notNotified, NOT_NOTIFIED);
		batch.dropped(feedback, FeedbackLoop.REASON);
		return entries.isEmpty() ? Mono.empty() : engine.deliver(batch, entries);
	}

	@Override
	public Mono<Void> close() {
		if (hooks != null) {
			hooks.close();
		}
		return Mono.empty();
	}

	int callsInFlight() {
		return calls.get();
	}

	@Override
	public String toString() {
		return "BugsnagSink{" + settings.endpoint() + ", " + engine + '}';
	}
}
