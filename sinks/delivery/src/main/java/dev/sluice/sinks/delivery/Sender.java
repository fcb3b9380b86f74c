package dev.sluice.sinks.delivery;

import reactor.core.publisher.Mono;

/**
 * Sends one request to the service. This is the only service-specific I/O of a remote sink.
 *
 * <p>Contract: non-blocking; {@code send} is called on the sink's runner thread for a first
 * attempt and on the engine's scheduler for a retry, so it must not block (it returns a
 * {@code Mono} over the service's asynchronous client) and must do its work lazily, on
 * subscription, so that a retry sends again. The {@code Mono} completes with the service's
 * {@link Outcome} when the service accepted the request, or errors with the service's failure,
 * which the sink's {@link FailureClassifier} classifies. A sender may repair and resend inside
 * one call (CloudWatch creates a missing stream and sends again).
 *
 * @param <E> the service's form of a record
 */
@FunctionalInterface
public interface Sender<E> {

	Mono<Outcome> send(Request<E> request);
}
