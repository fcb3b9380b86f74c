package dev.sluice.sinks.delivery;

import java.time.Duration;

/**
 * When the circuit breaker opens and for how long: after {@link #failureThreshold()} transient
 * failures in a row it opens for {@link #openDuration()}, then lets one probe request through
 * (half-open): a success closes it, a failure opens it again. Immutable.
 */
public final class BreakerPolicy {

	/** Opens after 5 failures in a row, for 10 seconds. */
	public static final BreakerPolicy DEFAULT = new BreakerPolicy(5, Duration.ofSeconds(10));

	private final int failureThreshold;
	private final Duration openDuration;

	private BreakerPolicy(int failureThreshold, Duration openDuration) {
		if (failureThreshold < 1) {
			throw new IllegalArgumentException("failureThreshold must be at least 1, was " + failureThreshold);
		}
		if (openDuration == null || openDuration.isNegative() || openDuration.isZero()) {
			throw new IllegalArgumentException("openDuration must be positive, was " + openDuration);
		}
		this.failureThreshold = failureThreshold;
		this.openDuration = openDuration;
	}

	public static BreakerPolicy of(int failureThreshold, Duration openDuration) {
		return new BreakerPolicy(failureThreshold, openDuration);
	}

	public int failureThreshold() {
		return failureThreshold;
	}

	public Duration openDuration() {
		return openDuration;
	}

	@Override
	public String toString() {
		return "BreakerPolicy{failureThreshold=" + failureThreshold + ", openDuration=" + openDuration + '}';
	}
}
