package dev.sluice.sinks.delivery;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The engine's meters, tagged {@code sink=NAME}: requests by outcome, request sizes (entries and
 * bytes), retries, records handed to the fallback, requests in flight and the breaker state.
 * Thread-safe (Micrometer meters are).
 */
final class DeliveryMetrics {

	private final Counter delivered;
	private final Counter failed;
	private final Counter retries;
	private final Counter fallback;
	private final DistributionSummary entries;
	private final DistributionSummary bytes;
	final AtomicInteger inFlight = new AtomicInteger();

	DeliveryMetrics(MeterRegistry registry, String sink, CircuitBreaker breaker) {
		delivered = Counter.builder("sluice.delivery.requests").tag("sink", sink).tag("outcome", "delivered")
				.description("requests (batches) the service accepted").register(registry);
		failed = Counter.builder("sluice.delivery.requests").tag("sink", sink).tag("outcome", "failed")
				.description("request attempts that failed").register(registry);
		retries = Counter.builder("sluice.delivery.retries").tag("sink", sink)
				.description("requests sent again after a transient failure").register(registry);
		fallback = Counter.builder("sluice.delivery.fallback.records").tag("sink", sink)
				.description("records handed to the fallback handler").register(registry);
		entries = DistributionSummary.builder("sluice.delivery.batch.size").tag("sink", sink).baseUnit("records")
				.description("records per request").register(registry);
		bytes = DistributionSummary.builder("sluice.delivery.batch.bytes").tag("sink", sink).baseUnit("bytes")
				.description("bytes per request as the service counts them").register(registry);
		Gauge.builder("sluice.delivery.breaker.state", breaker, b -> b.state().code()).tag("sink", sink)
				.description("circuit breaker: 0 closed, 1 half-open, 2 open").register(registry);
		Gauge.builder("sluice.delivery.inflight", inFlight, AtomicInteger::get).tag("sink", sink)
				.description("requests being sent or waiting to be sent again").register(registry);
	}

	void delivered(Request<?> r) {
		delivered.increment();
		entries.record(r.size());
		bytes.record(r.bytes());
	}

	void failed() {
		failed.increment();
	}

	void retried() {
		retries.increment();
	}

	void fallback(int n) {
		fallback.increment(n);
	}
}
