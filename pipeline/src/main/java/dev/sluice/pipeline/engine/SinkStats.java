package dev.sluice.pipeline.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.sluice.pipeline.SinkReport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The accounting of one sink name, kept across reloads: received, delivered, dropped by reason,
 * retried, and a delivery-latency timer, published as Micrometer meters tagged {@code sink=NAME}.
 * Counters are {@link LongAdder}s (cheap to bump from the router and runner threads); the meters
 * read them. Thread-safe.
 */
final class SinkStats {

	private final String sink;
	private final MeterRegistry registry;
	final LongAdder received = new LongAdder();
	final LongAdder delivered = new LongAdder();
	final LongAdder retried = new LongAdder();
	final LongAdder filtered = new LongAdder();
	final LongAdder fallback = new LongAdder();
	private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
	/** The sum of {@link #dropped}, kept apart so that reading progress walks no map. */
	private final LongAdder droppedTotal = new LongAdder();
	private final Timer latency;
	/** The buffer of the sink's current runner, read by the depth gauge. */
	private volatile BoundedSinkBuffer currentBuffer;
	/** Guarded by this. */
	private boolean depthRegistered;

	SinkStats(String sink, MeterRegistry registry) {
		this.sink = sink;
		this.registry = registry;
		counter("sluice.sink.records.received", "records handed to the sink's buffer", received);
		counter("sluice.sink.records.delivered", "records the sink delivered", delivered);
		counter("sluice.sink.records.retried", "records sent again after a transient failure", retried);
		counter("sluice.sink.records.filtered", "records a handler filter rejected", filtered);
		counter("sluice.sink.records.fallback", "records handed to the sink's fallback handler", fallback);
		this.latency = Timer.builder("sluice.sink.delivery.latency")
				.description("time from the log call until the sink delivered the oldest record of a batch")
				.tag("sink", sink).register(registry);
	}

	private void counter(String name, String description, LongAdder adder) {
		FunctionCounter.builder(name, adder, LongAdder::doubleValue).description(description).tag("sink", sink)
				.register(registry);
	}

	/**
	 * Makes {@code buffer} the one the {@code sluice.sink.buffer.depth} gauge reads: the gauge is
	 * registered once per sink name and follows the sink's current runner across reloads (a gauge
	 * per runner would be refused by the registry as a duplicate and keep reading a retired buffer).
	 */
	synchronized void depthOf(BoundedSinkBuffer buffer) {
		currentBuffer = buffer;
		if (!depthRegistered) {
			Gauge.builder("sluice.sink.buffer.depth", this, s -> {
				BoundedSinkBuffer b = s.currentBuffer;
				return b == null ? 0 : b.size();
			}).description("records waiting in the sink's buffer").tag("sink", sink).register(registry);
			depthRegistered = true;
		}
	}

	void dropped(long n, String reason) {
		if (n <= 0) {
			return;
		}
		// get first: computeIfAbsent with a capturing lambda would allocate on every drop, and a
		// sink that drops (a stalled one, buffer_full) drops on the router's hot path
		LongAdder byReason = dropped.get(reason);
		if (byReason == null) {
			byReason = dropped.computeIfAbsent(reason, this::registerDropCounter);
		}
		byReason.add(n);
		droppedTotal.add(n);
	}

	private LongAdder registerDropCounter(String reason) {
		LongAdder a = new LongAdder();
		FunctionCounter.builder("sluice.sink.records.dropped", a, LongAdder::doubleValue)
				.description("records the sink could not deliver, by reason").tag("sink", sink).tag("reason", reason)
				.register(registry);
		return a;
	}

	void latency(long nanos) {
		latency.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
	}

	/** Records settled so far: delivered, dropped, handed to a fallback or filtered. */
	long settled() {
		return delivered.sum() + droppedTotal() + fallback.sum() + filtered.sum();
	}

	long droppedTotal() {
		return droppedTotal.sum();
	}

	Map<String, Long> droppedByReason() {
		Map<String, Long> m = new TreeMap<>();
		dropped.forEach((k, v) -> m.put(k, v.sum()));
		return m;
	}

	SinkReport report() {
		return new SinkReport(sink, received.sum(), delivered.sum(), droppedByReason(), retried.sum(), filtered.sum(),
				fallback.sum());
	}
}
