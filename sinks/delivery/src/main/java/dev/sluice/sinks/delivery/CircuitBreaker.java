package dev.sluice.sinks.delivery;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import reactor.core.scheduler.Scheduler;

/**
 * A circuit breaker on the engine scheduler's clock (so virtual time drives it in tests):
 * closed, open after {@code failureThreshold} transient failures in a row, half-open with a single
 * probe after the open period. Thread-safe: every method is a short critical section on this
 * object (no I/O, no waiting), called from the runner thread, the scheduler and the service's
 * I/O threads.
 */
final class CircuitBreaker {

	private final BreakerPolicy policy;
	private final Scheduler clock;
	private final Consumer<BreakerState> onChange;

	/** Guarded by this. */
	private BreakerState state = BreakerState.CLOSED;
	/** Guarded by this: transient failures in a row while closed. */
	private int failures;
	/** Guarded by this: when the breaker last opened (scheduler millis). */
	private long openedAt;
	/** Guarded by this: whether the half-open probe is out. */
	private boolean probing;

	CircuitBreaker(BreakerPolicy policy, Scheduler clock, Consumer<BreakerState> onChange) {
		this.policy = policy;
		this.clock = clock;
		this.onChange = onChange;
	}

	/** Read by the metrics gauge. */
	synchronized BreakerState state() {
		return state;
	}

	/**
	 * Asks to send one request: 0 means go (as the probe when half-open; the caller must then
	 * report {@link #success}, {@link #failure} or {@link #release}); otherwise the milliseconds
	 * to wait before asking again.
	 */
	long acquire() {
		BreakerState changed = null;
		long wait;
		synchronized (this) {
			long now = clock.now(TimeUnit.MILLISECONDS);
			long openMillis = policy.openDuration().toMillis();
			switch (state) {
				case CLOSED:
					return 0;
				case OPEN:
					if (now - openedAt >= openMillis) {
						state = BreakerState.HALF_OPEN;
						changed = state;
						probing = true;
						wait = 0;
					}
					else {
						wait = openedAt + openMillis - now;
					}
					break;
				default: // HALF_OPEN
					if (!probing) {
						probing = true;
						wait = 0;
					}
					else {
						// the others ask again a few times per open period while the probe is out
						wait = Math.max(1, openMillis / 4);
					}
			}
		}
		notify(changed);
		return wait;
	}

	/** The service answered (a success, or a permanent error: it is up): close. */
	void success() {
		BreakerState changed = null;
		synchronized (this) {
			failures = 0;
			probing = false;
			if (state != BreakerState.CLOSED) {
				state = BreakerState.CLOSED;
				changed = state;
			}
		}
		notify(changed);
	}

	/** A transient failure: count it; open at the threshold, or again after a failed probe. */
	void failure() {
		BreakerState changed = null;
		synchronized (this) {
			if (state == BreakerState.HALF_OPEN || (state == BreakerState.CLOSED
					&& ++failures >= policy.failureThreshold())) {
				state = BreakerState.OPEN;
				openedAt = clock.now(TimeUnit.MILLISECONDS);
				probing = false;
				failures = 0;
				changed = state;
			}
		}
		notify(changed);
	}

	/** The probe ended without an answer (cancelled): let another request probe. */
	synchronized void release() {
		probing = false;
	}

	private void notify(BreakerState changed) {
		if (changed != null) {
			onChange.accept(changed);
		}
	}
}
