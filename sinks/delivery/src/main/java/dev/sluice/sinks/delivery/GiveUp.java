package dev.sluice.sinks.delivery;

/**
 * Why the engine stopped trying a request: the error that ends a request's retries, carrying the
 * drop reason of its records, the advice to report (or null) and the service's last failure.
 * Internal: it never leaves the engine.
 */
final class GiveUp extends RuntimeException {

	final String reason;
	final String advice;
	final boolean permanent;

	GiveUp(String reason, String advice, boolean permanent, Throwable last) {
		super(reason, last, false, false);
		this.reason = reason;
		this.advice = advice;
		this.permanent = permanent;
	}
}
