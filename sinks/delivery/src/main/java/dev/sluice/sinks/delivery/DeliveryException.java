package dev.sluice.sinks.delivery;

import java.util.Objects;

/**
 * A service failure that a {@link Sender} has already classified (for example Slack's
 * {@code {"ok": false, "error": "ratelimited"}}, which arrives as an HTTP 200). The default
 * classifier takes its {@link Failure} as it is.
 */
public final class DeliveryException extends RuntimeException {

	private final transient Failure failure;

	public DeliveryException(Failure failure, String message) {
		super(message);
		this.failure = Objects.requireNonNull(failure, "failure");
	}

	public DeliveryException(Failure failure, String message, Throwable cause) {
		super(message, cause);
		this.failure = Objects.requireNonNull(failure, "failure");
	}

	public Failure failure() {
		return failure;
	}
}
