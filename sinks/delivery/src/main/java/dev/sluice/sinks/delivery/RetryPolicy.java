package dev.sluice.sinks.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How a request that failed transiently is sent again: exponential backoff from
 * {@link #minBackoff()} doubling up to {@link #maxBackoff()}, with a jitter of
 * {@link #jitter()} (0..1, as Reactor's {@code Retry.backoff(...).jitter(...)}), for at most
 * {@link #maxAttempts()} attempts and {@link #maxElapsed()} since the first attempt. A
 * {@code Retry-After} or throttling answer from the service lengthens the wait to what the
 * service asked for, but never past the {@code maxElapsed} budget (then the request gives up).
 * Immutable; each {@code with...} returns a copy.
 */
public final class RetryPolicy {

	/**
	 * 100 ms doubling to 20 s, jitter 0.5, unlimited attempts within 2 minutes: long enough to ride
	 * out a typical outage or throttling burst while the sink's bounded buffer absorbs new records.
	 */
	public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(20), 0.5,
			Long.MAX_VALUE, Duration.ofMinutes(2));

	/** One attempt, no retry. */
	public static final RetryPolicy NONE = new RetryPolicy(Duration.ZERO, Duration.ZERO, 0, 1, Duration.ZERO);

	private final Duration minBackoff;
	private final Duration maxBackoff;
	private final double jitter;
	private final long maxAttempts;
	private final Duration maxElapsed;

	private RetryPolicy(Duration minBackoff, Duration maxBackoff, double jitter, long maxAttempts, Duration maxElapsed) {
		this.minBackoff = Objects.requireNonNull(minBackoff, "minBackoff");
		this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
		this.maxElapsed = Objects.requireNonNull(maxElapsed, "maxElapsed");
		if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
			throw new IllegalArgumentException("backoff must satisfy 0 <= min <= max, was min=" + minBackoff + " max="
					+ maxBackoff);
		}
		if (!(jitter >= 0 && jitter <= 1)) {
			throw new IllegalArgumentException("jitter must be in [0, 1], was " + jitter);
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
		}
		if (maxElapsed.isNegative()) {
			throw new IllegalArgumentException("maxElapsed must not be negative, was " + maxElapsed);
		}
		this.jitter = jitter;
		this.maxAttempts = maxAttempts;
	}

	public Duration minBackoff() {
		return minBackoff;
	}

	public Duration maxBackoff() {
		return maxBackoff;
	}

	public double jitter() {
		return jitter;
	}

	/** Attempts in all, the first one included. */
	public long maxAttempts() {
		return maxAttempts;
	}

	/** The time budget of a request, from its first attempt; no attempt starts after it. */
	public Duration maxElapsed() {
		return maxElapsed;
	}

	public RetryPolicy withBackoff(Duration min, Duration max) {
		return new RetryPolicy(min, max, jitter, maxAttempts, maxElapsed);
	}

	public RetryPolicy withJitter(double newJitter) {
		return new RetryPolicy(minBackoff, maxBackoff, newJitter, maxAttempts, maxElapsed);
	}

	public RetryPolicy withMaxAttempts(long attempts) {
		return new RetryPolicy(minBackoff, maxBackoff, jitter, attempts, maxElapsed);
	}

	public RetryPolicy withMaxElapsed(Duration elapsed) {
		return new RetryPolicy(minBackoff, maxBackoff, jitter, maxAttempts, elapsed);
	}

	/**
	 * The backoff before retry number {@code retry} (1 for the first retry) without jitter:
	 * {@code min * 2^(retry-1)}, capped at max.
	 */
	Duration backoff(long retry) {
		if (minBackoff.isZero()) {
			return Duration.ZERO;
		}
		long shift = Math.min(retry - 1, 30);
		long millis = minBackoff.toMillis();
		long cap = maxBackoff.toMillis();
		long d = millis > (cap >> shift) ? cap : millis << shift;
		return Duration.ofMillis(Math.min(d, cap));
	}

	@Override
	public String toString() {
		return "RetryPolicy{backoff=" + minBackoff + ".." + maxBackoff + ", jitter=" + jitter + ", maxAttempts="
				+ (maxAttempts == Long.MAX_VALUE ? "unlimited" : maxAttempts) + ", maxElapsed=" + maxElapsed + '}';
	}
}
