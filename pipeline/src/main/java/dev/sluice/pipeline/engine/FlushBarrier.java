package dev.sluice.pipeline.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.LongSupplier;

import dev.sluice.pipeline.Sluice;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link Sluice#flush()}: a barrier that completes once every record logged before it is settled
 * in every sink it was routed to, then in the fallback sinks they handed records to. Non-blocking:
 * it watches the pipeline's counters every millisecond on Reactor's parallel scheduler, and marks
 * the batches it waits for urgent so that a sink delaying a write on purpose ends the delay.
 * Thread-safe.
 */
final class FlushBarrier {

	private final MpscIngress ingress;
	private final LongSupplier accepted;
	private final Map<String, SinkStats> stats;
	private final Supplier<List<SinkRunner>> runners;
	private final Set<String> fallbackTargets;

	FlushBarrier(MpscIngress ingress, LongSupplier accepted, Map<String, SinkStats> stats,
			Supplier<List<SinkRunner>> runners, Set<String> fallbackTargets) {
		this.ingress = ingress;
		this.accepted = accepted;
		this.stats = stats;
		this.runners = runners;
		this.fallbackTargets = fallbackTargets;
	}

	Mono<Void> flush() {
		return Mono.defer(() -> {
			long target = ingress.offered();
			ingress.wake();
			// the sinks are hurried (Batch#markUrgent) once what they wait for has reached them
			return until(() -> accepted.getAsLong() >= target)
					.then(Mono.defer(() -> untilSettled(hurried(receivedNow(null), null))))
					.then(Mono.defer(() -> untilSettled(hurried(receivedNow(fallbackTargets), fallbackTargets))));
		});
	}

	/** Hurries the runners of every sink, or of the named ones only; returns {@code received}. */
	private <T> T hurried(T received, Set<String> only) {
		for (SinkRunner r : runners.get()) {
			if (only == null || only.contains(r.name())) {
				r.hurry();
			}
		}
		return received;
	}

	/** The received count of every sink, or of the named ones only, as they are now. */
	private Map<SinkStats, Long> receivedNow(Set<String> only) {
		Map<SinkStats, Long> m = new HashMap<>();
		stats.forEach((name, s) -> {
			if (only == null || only.contains(name)) {
				m.put(s, s.received.sum());
			}
		});
		return m;
	}

	private static Mono<Void> untilSettled(Map<SinkStats, Long> received) {
		return until(() -> {
			for (Map.Entry<SinkStats, Long> e : received.entrySet()) {
				// received == delivered + dropped + fallback + filtered once a sink has settled a record
				if (e.getKey().settled() < e.getValue()) {
					return false;
				}
			}
			return true;
		});
	}

	private static Mono<Void> until(BooleanSupplier done) {
		if (done.getAsBoolean()) {
			return Mono.empty();
		}
		return Flux.interval(Duration.ofMillis(1)).filter(tick -> done.getAsBoolean()).next().then();
	}
}
