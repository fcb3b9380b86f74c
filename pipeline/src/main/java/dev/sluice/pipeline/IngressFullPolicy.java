package dev.sluice.pipeline;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a log call does when the pipeline's ingress queue is full (as Log4j2's
 * {@code AsyncQueueFullPolicy}).
 *
 * <ul>
 * <li>{@link #waitForRoom(Duration)} (the default, 5 s): a caller waits for room (it spins
 * briefly, then yields, then parks in short steps) up to the bound, so that a burst from
 * ordinary threads (a batch job, a CLI, a servlet pool) goes at the pipeline's pace and loses
 * nothing; a record that still finds no room by then is dropped and counted
 * ({@code ingress_full}).</li>
 * <li>{@link #drop()}: a caller never waits; a record that finds the ingress full is dropped and
 * counted before anything is built.</li>
 * </ul>
 *
 * <p>Whatever the policy, a caller on a Reactor non-blocking thread
 * ({@code Schedulers.isInNonBlockingThread()}: an event loop, {@code parallel()}) never waits: its
 * record is dropped and counted, because stalling an event loop stalls every connection on it.
 *
 * <p>Immutable and thread-safe.
 */
public final class IngressFullPolicy {

	/** Callers off Reactor's non-blocking threads wait up to 5 s for room. */
	public static final IngressFullPolicy DEFAULT = new IngressFullPolicy(Duration.ofSeconds(5));

	private static final IngressFullPolicy DROP = new IngressFullPolicy(Duration.ZERO);

	private final Duration maxWait;

	private IngressFullPolicy(Duration maxWait) {
		this.maxWait = maxWait;
	}

	/**
	 * Callers that may block wait up to {@code max} for room, then drop and count; a zero
	 * {@code max} is {@link #drop()}.
	 *
	 * @param max how long a caller waits at most; zero never waits
	 * @return the waiting policy
	 * @throws IllegalArgumentException if {@code max} is negative
	 */
	public static IngressFullPolicy waitForRoom(Duration max) {
		Objects.requireNonNull(max, "max");
		if (max.isNegative()) {
			throw new IllegalArgumentException("the wait for room must not be negative, was " + max);
		}
		return max.isZero() ? DROP : new IngressFullPolicy(max);
	}

	/** {@return the policy by which callers never wait}: a record that finds the ingress full is dropped and counted. */
	public static IngressFullPolicy drop() {
		return DROP;
	}

	/**
	 * The policy named {@code name} ({@code "wait"} or {@code "drop"}, any case), waiting up to
	 * {@code maxWait} for {@code "wait"}.
	 *
	 * @param name {@code "wait"} or {@code "drop"}
	 * @param maxWait how long a {@code "wait"} policy waits at most
	 * @return the policy named {@code name} ({@code "wait"} or {@code "drop"}, any case)
	 * @throws IllegalArgumentException for another name
	 */
	public static IngressFullPolicy parse(String name, Duration maxWait) {
		switch (String.valueOf(name).toLowerCase(Locale.ROOT)) {
			case "wait":
				return waitForRoom(maxWait);
			case "drop":
				return DROP;
			default:
				throw new IllegalArgumentException("expected 'wait' or 'drop', found '" + name + "'");
		}
	}

	/** {@return how long a caller that may block waits for room; zero when callers never wait} */
	public Duration maxWait() {
		return maxWait;
	}

	/** {@return whether callers that may block wait for room} */
	public boolean waits() {
		return !maxWait.isZero();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof IngressFullPolicy && ((IngressFullPolicy) o).maxWait.equals(maxWait);
	}

	@Override
	public int hashCode() {
		return maxWait.hashCode();
	}

	@Override
	public String toString() {
		return waits() ? "IngressFullPolicy{wait up to " + maxWait + "}" : "IngressFullPolicy{drop}";
	}
}
