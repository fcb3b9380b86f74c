package dev.sluice.pipeline.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import dev.sluice.pipeline.DropReasons;
import dev.sluice.pipeline.IngressFullPolicy;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.StatusLogger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.scheduler.Schedulers;

/**
 * The caller's side of the ingress: decides, before a record is built, whether it can be taken,
 * offers it, and counts what is dropped before routing, by reason.
 *
 * <p>A call that finds the ingress full costs a look at the queue's indexes and a counter
 * increment: no record, no clock read, no thread-local read ({@link #admit()}). Only a call that
 * had room is built and offered; if other callers took the last slots meanwhile the offer fails
 * and that record is counted the same way ({@code ingress_full}).
 *
 * <p>Waiting ({@link IngressFullPolicy}, by default up to 5 s): a caller that finds the ingress
 * full waits for room, unless it runs on a Reactor non-blocking thread
 * ({@link Schedulers#isInNonBlockingThread()}), which never waits. It spins briefly, then yields,
 * then parks in short steps, so that under a flood the router and sink threads get the CPU and
 * the callers go at the pace of the pipeline (as Log4j2's do) instead of dropping. The wait
 * covers the race between callers: a caller that saw room but lost the last slot to another
 * waits again for its offer, up to the policy's bound counted afresh (so a call waits at most
 * twice the bound). A record that still finds no room by then is dropped and counted.
 *
 * <p>Thread-safe; {@link #admit()} and {@link #offer} are lock-free and, without a caller wait,
 * never block or spin.
 */
final class Entrance {

	private final MpscIngress ingress;
	private final StatusLogger status;
	private final MeterRegistry meters;
	private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
	/** The counter of {@link DropReasons#INGRESS_FULL}, kept at hand for the drop path. */
	private final LongAdder full;
	/** How long a caller that may block waits for room; 0: never. Changed by a new policy. */
	private volatile long waitNanos;
	/** False once shutdown began: records are then built, reported on the status logger and counted. */
	private volatile boolean open = true;

	Entrance(MpscIngress ingress, long waitNanos, StatusLogger status, MeterRegistry meters) {
		this.ingress = ingress;
		this.waitNanos = waitNanos;
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
		long wait = waitNanos;
		if (wait > 0 && !Schedulers.isInNonBlockingThread() && waitFor(null, System.nanoTime() + wait) != TIMED_OUT) {
			return true;
		}
		full.increment();
		return false;
	}

	/** Sets how long callers that may block wait for room. */
	void policy(IngressFullPolicy policy) {
		this.waitNanos = policy.maxWait().toNanos();
	}

	private static final int DONE = 1;
	private static final int TIMED_OUT = 0;
	private static final int CLOSED = -1;

	/**
	 * Waits until {@code record} is offered (or, when null, until there is room): {@link #DONE};
	 * until shutdown began: {@link #CLOSED}; or until {@code deadline}: {@link #TIMED_OUT}.
	 * Spins, yields, then parks in growing steps.
	 */
	private int waitFor(LogRecord record, long deadline) {
		for (int round = 0; ; round++) {
			if (round < 64) {
				Thread.onSpinWait();
			}
			else if (round < 128) {
				Thread.yield();
			}
			else {
				// the router drains in batches: once it runs, room appears for many callers at once
				LockSupport.parkNanos(Math.min(50_000L * (round - 127), 1_000_000L));
			}
			if (!open) {
				return CLOSED;
			}
			if (record == null ? ingress.hasRoom() : ingress.offer(record)) {
				return DONE;
			}
			if (round >= 64 && System.nanoTime() - deadline >= 0) {
				return TIMED_OUT;
			}
		}
	}

	/**
	 * Caller: enqueues a record that {@link #admit()} let through. If other callers took the last
	 * slots meanwhile, a caller that may wait waits again for room (within the policy's bound);
	 * otherwise, or when the bound passes, the record is counted as dropped.
	 */
	void offer(LogRecord record) {
		if (open && ingress.offer(record)) {
			return;
		}
		if (open) {
			long wait = waitNanos;
			int outcome = wait > 0 && !Schedulers.isInNonBlockingThread() ? waitFor(record, System.nanoTime() + wait)
					: TIMED_OUT;
			if (outcome == DONE) {
				return;
			}
			if (outcome == TIMED_OUT) {
				full.increment();
				return;
			}
		}
		afterShutdown(record);
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
