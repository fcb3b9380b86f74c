package dev.sluice.sinks.delivery;

import java.time.Duration;

import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;

/**
 * The handler options every remote sink shares, read the same way by each provider:
 * <ul>
 * <li>{@code fallback}: the name of a handler that takes the records this sink gives up on
 * (for example a local file); absent: they are counted as dropped;</li>
 * <li>{@code retry_min_backoff}, {@code retry_max_backoff} (durations, default 0.1 s and 20 s),
 * {@code retry_max_time} (the budget of one request, default 120 s), {@code retry_max_attempts}
 * (default unlimited within the budget);</li>
 * <li>{@code breaker_failures} (failures in a row that open the breaker, default 5) and
 * {@code breaker_open_time} (default 10 s).</li>
 * </ul>
 * Problems are collected in the {@link SinkOptions}; the provider calls {@code validate()}.
 */
public final class DeliveryOptions {

	private final String fallback;
	private final RetryPolicy retry;
	private final BreakerPolicy breaker;

	private DeliveryOptions(String fallback, RetryPolicy retry, BreakerPolicy breaker) {
		this.fallback = fallback;
		this.retry = retry;
		this.breaker = breaker;
	}

	/** Reads the shared options of {@code spec}, recording problems in its options. */
	public static DeliveryOptions read(SinkSpec spec) {
		SinkOptions o = spec.options();
		String fallback = o.string("fallback", null);
		if (fallback != null && fallback.equals(spec.handlerName())) {
			o.problem("fallback", "a handler cannot be its own fallback");
			fallback = null;
		}
		RetryPolicy d = RetryPolicy.DEFAULT;
		Duration min = o.duration("retry_min_backoff", d.minBackoff());
		Duration max = o.duration("retry_max_backoff", d.maxBackoff());
		if (max.compareTo(min) < 0) {
			o.problem("retry_max_backoff", "must not be shorter than retry_min_backoff (" + min + ")");
			max = min;
		}
		Duration budget = o.duration("retry_max_time", d.maxElapsed());
		long attempts = o.longValue("retry_max_attempts", d.maxAttempts());
		if (attempts < 1) {
			o.problem("retry_max_attempts", "must be at least 1, was " + attempts);
			attempts = 1;
		}
		int failures = o.integer("breaker_failures", BreakerPolicy.DEFAULT.failureThreshold());
		if (failures < 1) {
			o.problem("breaker_failures", "must be at least 1, was " + failures);
			failures = 1;
		}
		Duration open = o.duration("breaker_open_time", BreakerPolicy.DEFAULT.openDuration());
		if (open.isZero()) {
			o.problem("breaker_open_time", "must be positive");
			open = BreakerPolicy.DEFAULT.openDuration();
		}
		return new DeliveryOptions(fallback, d.withBackoff(min, max).withMaxElapsed(budget).withMaxAttempts(attempts),
				BreakerPolicy.of(failures, open));
	}

	/** The fallback handler's name, or null. */
	public String fallback() {
		return fallback;
	}

	public RetryPolicy retry() {
		return retry;
	}

	public BreakerPolicy breaker() {
		return breaker;
	}

	/** Applies these options to {@code builder}, resolving the fallback through the spec's environment. */
	public <E> DeliveryEngine.Builder<E> applyTo(DeliveryEngine.Builder<E> builder, SinkSpec spec) {
		builder.retry(retry).breaker(breaker);
		if (fallback != null) {
			builder.fallback(spec.environment().handoff(fallback));
		}
		return builder;
	}
}
