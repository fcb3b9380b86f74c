package dev.sluice.sinks.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How a service's failure is treated, as a {@link FailureClassifier} decides it.
 *
 * <ul>
 * <li><b>transient</b> (throttled, unavailable, 5xx, a dropped connection): the request is sent
 * again after a backoff, or after {@link #retryAfter()} when the service said how long to wait
 * ({@code Retry-After}), and counts toward opening the circuit breaker;</li>
 * <li><b>permanent</b> (bad credentials, access denied, a malformed request): the request is not
 * sent again; its records go to the fallback or are counted as dropped with {@link #reason()},
 * and {@link #advice()} is reported once on the status logger.</li>
 * </ul>
 * Immutable.
 */
public final class Failure {

	private final boolean permanent;
	private final String reason;
	private final String advice;
	private final Duration retryAfter;

	private Failure(boolean permanent, String reason, String advice, Duration retryAfter) {
		this.permanent = permanent;
		this.reason = Objects.requireNonNull(reason, "reason");
		this.advice = advice;
		this.retryAfter = retryAfter;
	}

	/** A failure worth retrying; {@code reason} names it in metrics (such as {@code throttled}). */
	public static Failure transientFailure(String reason) {
		return new Failure(false, reason, null, null);
	}

	/**
	 * A failure worth retrying no sooner than {@code retryAfter} (the service's {@code Retry-After}
	 * or throttling answer); null means "use the backoff".
	 */
	public static Failure transientFailure(String reason, Duration retryAfter) {
		if (retryAfter != null && retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
		}
		return new Failure(false, reason, null, retryAfter);
	}

	/**
	 * A failure that sending again cannot fix; {@code reason} is the drop reason of its records and
	 * {@code advice} tells the user what to fix (never a secret).
	 */
	public static Failure permanent(String reason, String advice) {
		return new Failure(true, reason, Objects.requireNonNull(advice, "advice"), null);
	}

	public boolean isPermanent() {
		return permanent;
	}

	/** A short tag, used as the drop reason and the metrics tag. */
	public String reason() {
		return reason;
	}

	/** What the user should do (permanent failures), or null. */
	public String advice() {
		return advice;
	}

	/** How long the service asked to wait before the next call, or null. */
	public Duration retryAfter() {
		return retryAfter;
	}

	@Override
	public String toString() {
		return (permanent ? "permanent " : "transient ") + reason + (retryAfter != null ? " retryAfter=" + retryAfter : "");
	}
}
