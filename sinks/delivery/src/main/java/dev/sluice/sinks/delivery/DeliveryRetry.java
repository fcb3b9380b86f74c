package dev.sluice.sinks.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * The retry strategy of one request, for {@code retryWhen}: exponential backoff with jitter as
 * Reactor's {@code Retry.backoff} computes it, lengthened to the service's {@code Retry-After}
 * and to the breaker's open period, within the policy's attempt and time budget. Reactor's own
 * {@code RetryBackoffSpec} cannot wait for a delay that the failure itself carries, hence this
 * class. Every wait is a {@code Mono.delay} on the engine's scheduler (virtual time in tests).
 *
 * <p>A companion is made per subscription, so its counters belong to one request; the signals of
 * one companion arrive one at a time.
 */
final class DeliveryRetry extends Retry {

	private final RetryPolicy policy;
	private final Scheduler scheduler;
	private final DoubleSupplier random;
	private final boolean giveUpWhenOpen;
	private final Runnable onRetry;

	DeliveryRetry(RetryPolicy policy, Scheduler scheduler, DoubleSupplier random, boolean giveUpWhenOpen,
			Runnable onRetry) {
		this.policy = policy;
		this.scheduler = scheduler;
		this.random = random;
		this.giveUpWhenOpen = giveUpWhenOpen;
		this.onRetry = onRetry;
	}

	@Override
	public Flux<Long> generateCompanion(Flux<RetrySignal> signals) {
		long start = scheduler.now(TimeUnit.MILLISECONDS);
		long[] failures = new long[1];
		long[] throttles = new long[1];
		// time spent waiting on throttling does not count toward the request's budget
		long[] throttledMillis = new long[1];
		return signals.concatMap(signal -> {
			Throwable error = signal.failure();
			if (!(error instanceof Attempted)) {
				return Mono.error(new GiveUp("sink_error", "the sender failed outside the service call", true, error));
			}
			Attempted a = (Attempted) error;
			long delay;
			if (a.breakerOpen()) {
				if (giveUpWhenOpen) {
					return Mono.error(new GiveUp("breaker_open", null, false, a));
				}
				delay = a.waitMillis;
			}
			else if (a.failure.isPermanent()) {
				return Mono.error(new GiveUp(a.failure.reason(), a.failure.advice(), true, a.getCause()));
			}
			else if (a.failure.isThrottled()) {
				// the service said how long to wait: exactly that; else a growing backoff
				long n = Math.min(++throttles[0], 30);
				Duration after = a.failure.retryAfter();
				delay = after != null ? after.toMillis() : jittered(policy.backoff(n));
				throttledMillis[0] += delay;
				onRetry.run();
				return Mono.delay(Duration.ofMillis(delay), scheduler);
			}
			else {
				long attempts = ++failures[0];
				if (attempts >= policy.maxAttempts()) {
					return Mono.error(exhausted(a, attempts));
				}
				delay = jittered(policy.backoff(attempts));
				Duration after = a.failure.retryAfter();
				if (after != null) {
					delay = Math.max(delay, after.toMillis());
				}
			}
			throttles[0] = 0; // a failure of another kind: the next throttling starts its backoff afresh
			long now = scheduler.now(TimeUnit.MILLISECONDS);
			if (now + delay - start - throttledMillis[0] > policy.maxElapsed().toMillis()) {
				return Mono.error(exhausted(a, failures[0]));
			}
			onRetry.run();
			return Mono.delay(Duration.ofMillis(delay), scheduler);
		});
	}

	private static GiveUp exhausted(Attempted a, long attempts) {
		String last = a.breakerOpen() ? "the circuit breaker stayed open" : "last failure: " + a.failure.reason();
		return new GiveUp("retries_exhausted", null, false, new IllegalStateException(
				"gave up after " + attempts + " failed attempts (" + last + ")", a.getCause()));
	}

	/** As Reactor's RetryBackoffSpec: a random offset of up to jitter * delay either way, never below min. */
	private long jittered(Duration base) {
		long d = base.toMillis();
		if (policy.jitter() == 0 || d == 0) {
			return d;
		}
		long offset = (long) (d * policy.jitter());
		long lower = Math.max(policy.minBackoff().toMillis() - d, -offset);
		long upper = Math.min(policy.maxBackoff().toMillis() - d, offset);
		long jitter = upper <= lower ? 0 : lower + (long) (random.getAsDouble() * (upper - lower));
		return d + jitter;
	}
}
