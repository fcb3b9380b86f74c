package dev.sluice.sinks.delivery;

import java.util.List;
import java.util.function.Consumer;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.StatusLogger;

/**
 * How a delivery engine settles a request's records once it is over: delivered (less what the
 * service rejected), handed to the fallback handler, or dropped with the reason of the final
 * failure; and what it reports on the status logger, once per cause. Thread-safe (requests settle
 * on the engine's scheduler and on the sender's threads).
 */
final class Settlement {

	private final String name;
	private final Consumer<List<LogRecord>> fallback;
	private final StatusLogger status;
	private final DeliveryMetrics metrics;

	Settlement(String name, Consumer<List<LogRecord>> fallback, StatusLogger status, DeliveryMetrics metrics) {
		this.name = name;
		this.fallback = fallback;
		this.status = status;
		this.metrics = metrics;
	}

	<E> void delivered(Batch batch, Request<E> request, Outcome outcome) {
		metrics.delivered(request);
		outcome.rejected().forEach((reason, n) -> batch.dropped(Math.min(n, request.size()), reason));
		status.forget("exhausted:" + name);
	}

	<E> void gaveUp(Batch batch, Request<E> request, Throwable error, boolean maybeStored) {
		GiveUp g = error instanceof GiveUp ? (GiveUp) error
				: new GiveUp("sink_error", "unexpected failure in the delivery engine", true, error);
		if (maybeStored) {
			// an attempt timed out after sending: the service may hold these records, and handing them to
			// the fallback could store them twice; counted instead, so that nothing is lost silently
			status.once("unknown:" + name, "sink " + name, "a request timed out after it was sent and the service"
					+ " kept failing; its " + request.size() + " record(s) may be stored there"
					+ (fallback != null ? ", so they are not handed to the fallback" : "")
					+ ": counted as dropped (" + DeliveryEngine.OUTCOME_UNKNOWN + ")", g.getCause());
			batch.dropped(request.size(), DeliveryEngine.OUTCOME_UNKNOWN);
			return;
		}
		String fate = fallback != null ? "handed to the fallback handler" : "counted as dropped (" + g.reason + ")";
		if (g.permanent) {
			status.once("permanent:" + name + ":" + g.reason, "sink " + name, g.advice + "; " + request.size()
					+ " record(s) " + fate + ", and so will be later ones failing the same way", g.getCause());
		}
		else if (!"breaker_open".equals(g.reason)) {
			status.once("exhausted:" + name, "sink " + name, "the service kept failing; " + request.size()
					+ " record(s) " + fate + " (reported once until a request succeeds again)", g.getCause());
		}
		if (fallback != null) {
			try {
				fallback.accept(request.records());
				metrics.fallback(request.size());
				batch.handedToFallback(request.size());
				return;
			}
			catch (RuntimeException e) {
				status.once("fallback:" + name, "sink " + name, "the fallback handler refused records", e);
			}
		}
		batch.dropped(request.size(), g.reason);
	}

	void breakerChanged(BreakerState state) {
		if (state == BreakerState.OPEN) {
			status.once("breaker:" + name, "sink " + name, "circuit breaker open: the service keeps failing; "
					+ (fallback != null ? "records go to the fallback handler" : "records wait")
					+ " while it is probed", null);
		}
		else if (state == BreakerState.CLOSED) {
			status.forget("breaker:" + name);
		}
	}
}
