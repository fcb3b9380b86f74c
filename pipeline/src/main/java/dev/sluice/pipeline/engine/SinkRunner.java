package dev.sluice.pipeline.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.sluice.pipeline.DropReasons;
import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.StatusLogger;
import reactor.core.publisher.Mono;

/**
 * Runs one sink: its bounded buffer, one write at a time on a thread that is not a Reactor thread
 * (its own, {@link OwnThread}, or the one it shares with the sinks writing to its output,
 * {@link SharedLane}), so a sink may do blocking I/O in {@code write}; and the accounting of every
 * record it was handed. A sink that throws or errors is isolated: its batch is counted as dropped, the failure is
 * reported once, and the runner goes on with the next batch.
 *
 * <p>Lifecycle: started on creation; {@link #retire()} makes it drain what is buffered, close the
 * sink and end; {@link #abandon(String)} (shutdown deadline) counts what is left as dropped.
 */
final class SinkRunner {

	/** Written by reconfiguration (level, filters), read by the router and the runner thread. */
	private volatile HandlerSpec spec;
	private final Sink sink;
	private final BoundedSinkBuffer buffer;
	private final SinkStats stats;
	private final StatusLogger status;
	/** The records' own clock: the delivery latency is now minus a record's stamp. */
	private final CallerClock clock;
	/** Status key and source, made once: a string per batch would be most of a paced sink's garbage. */
	private final String writeKey;
	private final String source;
	/** Copy of spec.level(), read by the router on every offer. */
	private volatile int handlerLevel;
	/** The lane whose thread runs this sink, or null: its own thread. */
	final SharedLane lane;
	private final Wakeup wakeup;
	private final Thread thread;
	private final CompletableFuture<Void> terminated = new CompletableFuture<>();
	/** The batch being written; settled (accounted) exactly once, by the runner or by abandon. */
	private final AtomicReference<Batch> inFlight = new AtomicReference<>();
	/** Set once by retire(); read by the runner thread. */
	private volatile boolean retiring;
	/**
	 * Batches are {@link Batch#markUrgent() urgent} while fewer records than this were settled:
	 * a flush barrier waits for them ({@link #hurry()}). Retiring makes every batch urgent.
	 */
	private volatile long urgentThrough;
	/** Set once by abandon(); the runner stops accounting and exits. */
	private volatile boolean abandoned;
	/** The buffer's linger (none on a lane, whose thread other sinks share). */
	private final Linger linger;

	SinkRunner(HandlerSpec spec, Sink sink, SinkStats stats, StatusLogger status, CallerClock clock) {
		this(spec, sink, stats, status, clock, null);
	}

	/** A runner on {@code lane}'s thread (with the other sinks writing to its output), or its own when null. */
	SinkRunner(HandlerSpec spec, Sink sink, SinkStats stats, StatusLogger status, CallerClock clock, SharedLane lane) {
		this.lane = lane;
		this.wakeup = lane == null ? new Wakeup() : lane.wakeup;
		this.spec = spec;
		this.sink = sink;
		this.stats = stats;
		this.status = status;
		this.clock = clock;
		this.writeKey = "write:" + spec.name();
		this.source = "sink " + spec.name();
		this.buffer = new BoundedSinkBuffer(spec.buffer(), stats);
		this.handlerLevel = spec.level().value();
		this.linger = lane == null ? Linger.of(spec.buffer().linger().toNanos(), spec.buffer().maxBatch(), buffer, wakeup,
				() -> !urgent() && !abandoned) : Linger.NONE;
		stats.depthOf(buffer);
		if (lane == null) {
			this.thread = new Thread(new OwnThread(this, wakeup), "sluice-sink-" + spec.name());
			this.thread.setDaemon(true);
		}
		else {
			this.thread = null;
		}
	}

	HandlerSpec spec() {
		return spec;
	}

	/** A new definition of the same sink: its level and filters take effect from the next record. */
	void update(HandlerSpec newSpec) {
		this.spec = newSpec;
		this.handlerLevel = newSpec.level().value();
	}

	void start() {
		if (lane == null) {
			thread.start();
		}
		else {
			lane.join(this);
		}
	}

	String name() {
		return spec.name();
	}

	/** Router thread: offers a record that passed the logger; returns whether it was buffered. */
	boolean offer(LogRecord record) {
		if (record.level().value() < handlerLevel) {
			return false;
		}
		if (!buffer.offer(record, wakeup)) {
			return false;
		}
		linger.offered(record);
		return true;
	}

	/** Runner thread, after a write: waits for more records up to the buffer's linger ({@link Linger}). */
	void lingerAfterWrite() {
		linger.afterWrite();
	}

	/** Any thread: takes records another sink gave up on (its fallback), bypassing the level; never blocks. */
	void handoff(List<LogRecord> records) {
		if (terminated.isDone()) {
			stats.received.add(records.size());
			stats.dropped(records.size(), DropReasons.SINK_CLOSED);
			return;
		}
		for (LogRecord r : records) {
			buffer.offer(r, wakeup, false);
		}
		wakeup.signal();
	}

	/** Router thread: wakes the runner after a batch of offers. */
	void signal() {
		wakeup.signal();
	}

	/** Drain what is buffered, close the sink, end. Idempotent. */
	void retire() {
		retiring = true;
		hurryInFlight();
		wakeup.signalNow();
	}

	/**
	 * A flush barrier waits for what this sink received so far: the batch being written and those
	 * holding these records are marked urgent, so that a sink that delays a write on purpose ends
	 * the delay. Any thread; never blocks.
	 */
	void hurry() {
		long received = stats.received.sum();
		// volatile max; the write path reads it after publishing inFlight, this reads inFlight after
		// writing it, so a batch made meanwhile is marked by one side or the other
		synchronized (this) {
			if (received > urgentThrough) {
				urgentThrough = received;
			}
		}
		hurryInFlight();
		linger.interrupt();
	}

	private void hurryInFlight() {
		Batch b = inFlight.get();
		if (b != null) {
			b.markUrgent();
		}
	}

	private boolean urgent() {
		return retiring || stats.settled() < urgentThrough;
	}

	/** Records settled so far (delivered, dropped, handed to a fallback, filtered): the runner's progress. */
	long settled() {
		return stats.settled();
	}

	CompletableFuture<Void> terminated() {
		return terminated;
	}

	SinkReport report() {
		return stats.report();
	}

	/** Counts whatever is still buffered or being written as dropped with {@code reason}. */
	void abandon(String reason) {
		abandoned = true;
		Batch b = inFlight.getAndSet(null);
		if (b != null) {
			stats.fallback.add(b.fallbackCount());
			stats.dropped(b.size() - b.droppedCount() - b.fallbackCount(), reason);
			b.droppedByReason().forEach((r, n) -> stats.dropped(n, r));
		}
		dropBuffered(reason);
		terminated.complete(null);
	}

	/** After termination: counts records that arrived too late to be written (a late handoff). */
	void sweepLeftovers() {
		dropBuffered(DropReasons.SINK_CLOSED);
	}

	/** Takes every buffered record and counts it as dropped with {@code reason}. */
	private void dropBuffered(String reason) {
		List<LogRecord> rest = new ArrayList<>();
		while (buffer.drainTo(rest, Integer.MAX_VALUE) > 0) {
			stats.dropped(rest.size(), reason);
			rest.clear();
		}
	}

	/**
	 * Writes {@code records} (a list the sink may keep) in one batch. Never throws: whatever fails (a
	 * filter, the accounting, an Error from the sink), the records in hand are counted, the failure is
	 * reported once, and the runner goes on.
	 */
	void writeRun(List<LogRecord> records) {
		try {
			write(records);
		}
		catch (Throwable t) {
			stats.dropped(records.size(), DropReasons.SINK_ERROR);
			status.once("runner:" + spec.name() + ":" + t.getClass().getName(), source,
					"the sink's runner failed on a batch; it goes on with the next", t);
		}
	}

	// ---- for the thread that runs it: its own (OwnThread) or its output's (SharedLane) -------------

	/**
	 * Writes up to a batch ({@code maxBatch}) of the buffered records; returns how many. They are
	 * drained into {@code scratch}, a list the caller reuses, then copied at their exact size: a batch
	 * may outlive the write (an asynchronous sink), and a list of the full batch size per write would
	 * be most of the runner's garbage when batches are small (a paced caller).
	 */
	int writeNextBatch(List<LogRecord> scratch) {
		linger.draining();
		int n = buffer.drainTo(scratch, spec.buffer().maxBatch());
		if (n > 0) {
			List<LogRecord> records = new ArrayList<>(scratch);
			scratch.clear();
			writeRun(records);
		}
		return n;
	}

	/** Whether nothing is buffered and the runner is not retiring: its thread may sleep. */
	boolean idle() {
		return buffer.isEmpty() && !retiring;
	}

	/** Reports, once per cause, a failure of the loop running this sink; the loop goes on. */
	void failed(Throwable t) {
		status.once("runner:" + spec.name() + ":" + t.getClass().getName(), source,
				"the sink's runner failed; it goes on", t);
	}

	/** The oldest buffered record, left in place, or null. */
	LogRecord peek() {
		return buffer.peek();
	}

	/** Takes the oldest buffered record, or null. */
	LogRecord poll() {
		return buffer.poll();
	}

	/** Whether the runner's thread should end it now: abandoned, or retiring with nothing buffered. */
	boolean done() {
		return abandoned || retiring && buffer.isEmpty();
	}

	/** Once {@link #done()}: closes the sink (unless abandoned) and terminates. Never throws. */
	void finish() {
		try {
			if (!abandoned) {
				await(sink.close(), "close");
			}
		}
		catch (Throwable t) {
			status.error(source, "closing failed", t);
		}
		finally {
			terminated.complete(null);
		}
	}

	boolean abandoned() {
		return abandoned;
	}

	private void write(List<LogRecord> records) {
		List<LogRecord> accepted = HandlerFilters.apply(spec, records, stats, status, source);
		if (accepted.isEmpty()) {
			return;
		}
		Batch batch = new Batch(accepted);
		Throwable failure = attempt(batch);
		if (failure == null || !(failure instanceof ThrownByWrite) || batch.size() == 1
				|| batch.droppedCount() + batch.fallbackCount() > 0 || abandoned) {
			settleOnce(batch, ThrownByWrite.cause(failure));
			return;
		}
		// write() itself threw before marking anything: one record may be the cause (a value the
		// sink cannot encode). Each record is written again on its own, so that the failure costs
		// the records it fails on, not the batch. (A returned Mono that errors is the sink's I/O
		// failing as a whole: its batch is counted at once, never retried record by record.)
		if (!inFlight.compareAndSet(batch, null)) {
			return;
		}
		for (LogRecord r : accepted) {
			if (abandoned) {
				stats.dropped(1, DropReasons.SHUTDOWN_DEADLINE);
				continue;
			}
			Batch single = new Batch(List.of(r));
			settleOnce(single, ThrownByWrite.cause(attempt(single)));
		}
	}

	/**
	 * Writes {@code batch} with the sink; returns null, the error of the returned Mono, or a
	 * {@link ThrownByWrite} wrapping what {@code write} itself threw.
	 */
	private Throwable attempt(Batch batch) {
		inFlight.set(batch);
		if (urgent()) {
			batch.markUrgent();
		}
		Mono<Void> result;
		try {
			result = sink.write(batch);
		}
		catch (Throwable t) {
			return new ThrownByWrite(t);
		}
		try {
			if (result != null) {
				result.block();
			}
			return null;
		}
		catch (Throwable t) {
			return ThrownByWrite.unwrapBlocked(t);
		}
	}

	private void settleOnce(Batch batch, Throwable failure) {
		if (inFlight.compareAndSet(batch, null)) {
			settle(batch, failure);
		}
		// else abandoned meanwhile: already accounted
	}

	private void settle(Batch batch, Throwable failure) {
		if (batch.droppedCount() > 0) {
			batch.droppedByReason().forEach((reason, n) -> stats.dropped(n, reason));
		}
		stats.retried.add(batch.retriedCount());
		stats.fallback.add(batch.fallbackCount());
		int rest = batch.size() - batch.droppedCount() - batch.fallbackCount();
		if (failure == null) {
			stats.delivered.add(rest);
			stats.latency(clock.epochNanos() - batch.records().get(0).epochNanos());
			status.forget(writeKey);
		}
		else {
			stats.dropped(rest, DropReasons.SINK_ERROR);
			status.once(writeKey, source,
					"write failed; its records are counted as dropped (sink_error) until it recovers", failure);
		}
	}

	private void await(Mono<Void> m, String what) {
		try {
			if (m != null) {
				m.block();
			}
		}
		catch (Throwable t) {
			status.error(source, what + " failed", ThrownByWrite.unwrapBlocked(t));
		}
	}
}
