package dev.sluice.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.StatusLogger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The caller's side of the ingress: decides, before a record is built, whether it can be taken,
 * offers it, and counts what is dropped before routing, by reason.
 *
 * <p>A call that finds the ingress full costs a look at the queue's indexes and a counter
 * increment: no record, no clock read, no thread-local read ({@link #admit()}). Only a call that
 * had room is built and offered; if other callers took the last slots meanwhile the offer fails
 * and that record is counted the same way ({@code ingress_full}).
 *
 * <p>Thread-safe; {@link #admit()} and {@link #offer} are lock-free and never block.
 */
final class Entrance {

	private final MpscIngress ingress;
	private final StatusLogger status;
	private final MeterRegistry meters;
	private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
	/** The counter of {@link DropReasons#INGRESS_FULL}, kept at hand for the drop path. */
	private final LongAdder full;
	/** False once shutdown began: records are then built, reported on the status logger and counted. */
	private volatile boolean open = true;

	Entrance(MpscIngress ingress, StatusLogger status, MeterRegistry meters) {
		this.ingress = ingress;
		this.status = status;
		this.meters = meters;
		this.full = counter(DropReasons.INGRESS_FULL);
	}

	/**
	 * Caller: whether to build the record. False when the ingress is full; the record is then
	 * already counted as dropped ({@code ingress_full}). True after shutdown began, so that
	 * {@link #offer} can report the record's text.
	 */
	boolean admit() {
		if (ingress.hasRoom() || !open) {
			return true;
		}
		full.increment();
		return false;
	}

	/** Caller: enqueues a record that {@link #admit()} let through, or counts it as dropped. */
	void offer(LogRecord record) {
		if (!open) {
			afterShutdown(record);
			return;
		}
		if (!ingress.offer(record)) {
			full.increment();
		}
	}

	/** Stops taking records: later ones go to the status logger and count as {@code after_shutdown}. */
	void close() {
		open = false;
	}

	private void afterShutdown(LogRecord record) {
		count(DropReasons.AFTER_SHUTDOWN, 1);
		status.warn("pipeline", "logged after shutdown, not delivered: " + Layout.BASIC.format(record));
	}

	/** Counts {@code n} records dropped before routing for {@code reason}. */
	void count(String reason, long n) {
		counter(reason).add(n);
	}

	private LongAdder counter(String reason) {
		LongAdder a = dropped.get(reason);
		if (a != null) {
			return a;
		}
		return dropped.computeIfAbsent(reason, r -> {
			LongAdder adder = new LongAdder();
			FunctionCounter.builder("sluice.ingress.records.dropped", adder, LongAdder::doubleValue)
					.description("records dropped before routing, by reason").tag("reason", r).register(meters);
			return adder;
		});
	}

	/** Records dropped before routing so far, by reason (reasons with none left out). */
	Map<String, Long> dropped() {
		Map<String, Long> m = new LinkedHashMap<>();
		dropped.forEach((k, v) -> {
			long n = v.sum();
			if (n > 0) {
				m.put(k, n);
			}
		});
		return m;
	}
}
