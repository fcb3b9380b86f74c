package dev.sluice.sinks.delivery;

/**
 * The failure of one attempt, classified once where it happened: {@code failure} is null when the
 * breaker refused the attempt ({@code waitMillis} says for how long).
 */
final class Attempted extends RuntimeException {

	final Failure failure;
	final long waitMillis;

	Attempted(Failure failure, Throwable cause) {
		super(failure.reason(), cause, false, false);
		this.failure = failure;
		this.waitMillis = 0;
	}

	Attempted(long breakerWaitMillis) {
		super("breaker_open", null, false, false);
		this.failure = null;
		this.waitMillis = breakerWaitMillis;
	}

	boolean breakerOpen() {
		return failure == null;
	}

	/** Whether the attempt may have stored its records (it timed out after sending). */
	boolean outcomeUnknown() {
		return failure != null && failure.isOutcomeUnknown();
	}
}
