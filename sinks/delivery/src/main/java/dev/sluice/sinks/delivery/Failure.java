package dev.sluice.sinks.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How a service's failure is treated, as a {@link FailureClassifier} decides it.
 *
 * <ul>
 * <li><b>throttled</b> (HTTP 429, CloudWatch's {@code ThrottlingException}, Slack's
 * {@code ratelimited}): the service is up and asks to slow down. The request is sent again after
 * {@link #retryAfter()} or a backoff, as often as it takes: throttling never counts toward the
 * request's attempts or time budget, never opens the circuit breaker and never sends records to
 * the fallback;</li>
 * <li><b>transient</b> (unavailable, 5xx, a timeout, a dropped connection): the request is sent
 * again after a backoff, or after {@link #retryAfter()} when the service said how long to wait
 * ({@code Retry-After}), and counts toward opening the circuit breaker;</li>
 * <li><b>outcome unknown</b> (a timeout after the request was sent): transient, but the service
 * may have stored the records. Such a request is sent again to the service only: if it is given up
 * on, its records are counted as dropped ({@code outcome_unknown}) and never handed to the
 * fallback, so that no record is both delivered and in the fallback;</li>
 * <li><b>permanent</b> (bad credentials, access denied, a malformed request): the request is not
 * sent again; its records go to the fallback or are counted as dropped with {@link #reason()},
 * and {@link #advice()} is reported once on the status logger.</li>
 * </ul>
 * Immutable.
 */
public final class Failure {

	private final boolean permanent;
	private final boolean throttled;
	private final String reason;
	private final String advice;
	private final Duration retryAfter;
	private final boolean outcomeUnknown;

	private Failure(boolean permanent, String reason, String advice, Duration retryAfter) {
		this(permanent, false, reason, advice, retryAfter, false);
	}

	private Failure(boolean permanent, boolean throttled, String reason, String advice, Duration retryAfter,
			boolean outcomeUnknown) {
		this.permanent = permanent;
		this.throttled = throttled;
		this.outcomeUnknown = outcomeUnknown;
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
	 * The service asks to slow down ({@code retryAfter}: how long it said to wait, or null for the
	 * backoff); see the class comment.
	 */
	public static Failure throttled(String reason, Duration retryAfter) {
		if (retryAfter != null && retryAfter.isNegative()) {
			throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
		}
		return new Failure(false, true, reason, null, retryAfter, false);
	}

	/**
	 * A timeout after the request was sent: retried like a transient failure, but the service may
	 * have stored the records, so they never go to the fallback (see the class comment).
	 */
	public static Failure outcomeUnknown(String reason) {
		return new Failure(false, false, reason, null, null, true);
	}

	/** Whether the service may have stored the request's records although the call failed. */
	public boolean isOutcomeUnknown() {
		return outcomeUnknown;
	}

	/** Whether the service asked to slow down (it is up). */
	public boolean isThrottled() {
		return throttled;
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
		return (permanent ? "permanent " : throttled ? "throttled " : outcomeUnknown ? "outcome-unknown " : "transient ") + reason + (retryAfter != null ? " retryAfter=" + retryAfter : "");
	}
}
