package dev.sluice.sinks.delivery;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Tells transient failures from permanent ones for one service. Called on whatever thread the
 * failure arrived on; must not block and should not throw (a classifier that throws makes the
 * failure permanent with reason {@code classifier_error}).
 */
@FunctionalInterface
public interface FailureClassifier {

	/**
	 * Classifies {@code error}; return null to fall back to {@link #DEFAULT}.
	 *
	 * @param error the failure of {@link Sender#send}, unwrapped from {@link CompletionException}
	 */
	Failure classify(Throwable error);

	/**
	 * The classification every service shares, used when a service's classifier returns null:
	 * a {@link DeliveryException} carries its own; I/O errors and connect timeouts (a refused or
	 * dropped connection) are transient ({@code connection_error}); a timeout waiting for the answer
	 * is transient with its outcome unknown ({@code timeout}: the service may have stored it);
	 * anything else is permanent ({@code unexpected_error}), since sending again is unlikely to
	 * help with an error nobody foresaw and would hide it.
	 */
	FailureClassifier DEFAULT = error -> {
		if (error instanceof DeliveryException) {
			return ((DeliveryException) error).failure();
		}
		for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
			String type = t.getClass().getSimpleName();
			if (type.contains("Connect") && type.contains("Timeout")) {
				return Failure.transientFailure("connection_error"); // never sent
			}
			if (t instanceof TimeoutException || type.contains("Timeout")) {
				return Failure.outcomeUnknown("timeout"); // sent, no answer: it may be stored
			}
			if (t instanceof IOException) {
				return Failure.transientFailure("connection_error");
			}
		}
		return Failure.permanent("unexpected_error", "an unexpected error (" + error.getClass().getName()
				+ "); the records are not sent again");
	};

	/** Unwraps the wrappers that futures add around a service's failure. */
	static Throwable unwrap(Throwable error) {
		Throwable t = error;
		while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
			t = t.getCause();
		}
		return t;
	}
}
