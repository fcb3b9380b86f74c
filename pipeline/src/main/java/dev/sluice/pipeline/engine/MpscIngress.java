package dev.sluice.pipeline.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import dev.sluice.pipeline.IngressFullPolicy;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * The pipeline's entrance: a bounded multi-producer, single-consumer lock-free queue (JCTools'
 * {@code MpscArrayQueue}) that any number of threads offer records to, drained by one dedicated
 * thread that hands the records on in batches to one {@link BatchConsumer}, on that thread.
 *
 * <p>Producers never block and never spin: {@link #offer} either enqueues or returns false at
 * once. While records come often (less than a millisecond apart, on average) the drain thread
 * polls the queue every 50 µs for up to a millisecond after the last one, so a caller in a busy
 * service never pays for waking it. When they come a few milliseconds apart (a moderately busy
 * service) it naps for the linger once the queue is empty, callers do not wake it, and
 * it takes what came meanwhile as one batch: one wake-up of the drain thread and of each sink's
 * runner (and one write) for several records instead of one each. A record of level ERROR or above,
 * more than {@link #NAP_RECORDS} records waiting, a flush, a plan switch or shutdown end the nap at once. When records come
 * rarely it sleeps as soon as the queue is empty, until the next offer wakes it (that caller pays
 * one unpark), so a quiet pipeline costs no CPU.
 * It also emits an empty batch when it wakes with nothing to do (at least every
 * {@code tickNanos}), so that its subscriber can run periodic work on the same thread.
 *
 * <p>After {@link #close()} the drain thread empties the queue and tells the consumer it completed.
 *
 * <p>No Reactor here: the one consumer is the router, on this same thread, and there is no demand
 * to signal. Backpressure is carried by the bounded queue (callers wait or drop
 * by the {@link IngressFullPolicy}) and, behind it, by the sinks' buffers (the router waits for a
 * lossless sink that makes progress).
 */
final class MpscIngress {

	private static final int MAX_BATCH = 1_024;
	/**
	 * For this long after the last record the drain thread polls (short parks that callers need
	 * not end) instead of sleeping until a caller wakes it, when records come often: while they
	 * keep coming, a caller never pays for waking it (a CAS and an unpark system call, the slowest
	 * part of a call when it happens, and a context switch that can land on the caller's core).
	 */
	private static final long POLL_NANOS = 1_000_000L;
	/** Records that come, on average, further apart than this do not make the drain thread poll. */
	private static final long BUSY_GAP_NANOS = 1_000_000L;
	/** The drain thread's poll period; adds at most about this much to a record's way to the sinks. */
	private static final long POLL_STEP_NANOS = 50_000L;
	/**
	 * How long the drain thread naps for more records when they come a few milliseconds apart: the
	 * most it adds to the way of a record below ERROR to the sinks at such rates (none at other rates).
	 */
	private final long lingerNanos;
	/**
	 * More records than this waiting end a nap: the rate went up (a burst, a busy period starting),
	 * and holding them would hand the sinks a burst that competes with the callers for the cores.
	 */
	static final int NAP_RECORDS = 32;
	/** Records that come, on average, closer than this nap (so that a nap takes about two or more). */
	private final long lingerGapNanos;
	private static final List<LogRecord> TICK = List.of();

	private final MpscArrayQueue<LogRecord> queue;
	private final int capacity;
	/**
	 * A producer index below which the queue surely has room: the consumer index plus the
	 * capacity, as last read. Only grows in truth, so a stale value only causes a re-read; callers
	 * compare against it instead of reading the consumer's index (a cache line the drain thread
	 * writes) on every call, as the queue's own offer does.
	 */
	private volatile long roomLimit;
	private final Wakeup wakeup = new Wakeup();
	private final long tickNanos;
	private final String threadName;
	/** Set once by close(); read by the drain thread. */
	private volatile boolean closing;

	MpscIngress(int capacity, long tickNanos, long lingerNanos, String threadName) {
		this.lingerNanos = lingerNanos;
		this.lingerGapNanos = lingerNanos * 2 / 3;
		this.queue = new MpscArrayQueue<>(capacity);
		this.capacity = queue.capacity();
		this.roomLimit = this.capacity;
		this.tickNanos = tickNanos;
		this.threadName = threadName;
	}

	/** Any thread: enqueues {@code record}; false when the queue is full. Lock-free, wait-free for the caller in practice. */
	boolean offer(LogRecord record) {
		if (!queue.offer(record)) {
			wakeup.signalNow();
			return false;
		}
		if (wakeup.napping() && (record.level().value() >= Level.ERROR.value() || queue.size() > NAP_RECORDS)) {
			wakeup.signalNow();
		}
		else {
			wakeup.signal();
		}
		return true;
	}

	/**
	 * Any thread: whether an offer now would find room (a hint: concurrent producers may take the
	 * last slots first). Reads the producer index, and the consumer index only when the cached
	 * limit is reached.
	 */
	boolean hasRoom() {
		long p = queue.currentProducerIndex();
		if (p < roomLimit) {
			return true;
		}
		long limit = queue.currentConsumerIndex() + capacity;
		roomLimit = limit;
		if (p < limit) {
			return true;
		}
		wakeup.signalNow(); // full: the drain thread must run, whether it sleeps or naps
		return false;
	}

	/** Records offered successfully so far (the queue's producer index). */
	long offered() {
		return queue.currentProducerIndex();
	}

	/** Whether the drain thread naps now (for tests). */
	boolean napping() {
		return wakeup.napping();
	}

	/** Wakes the drain thread (a control action is waiting). */
	void wake() {
		wakeup.signalNow();
	}

	/** Ends the stream once everything offered so far has been emitted. */
	void close() {
		closing = true;
		wakeup.signalNow();
	}

	int size() {
		return queue.size();
	}

	/** Takes what is left after the stream completed (records offered too late). */
	List<LogRecord> leftovers() {
		List<LogRecord> rest = new ArrayList<>();
		queue.drain(rest::add);
		return rest;
	}

	/** What the drain thread hands batches to, on its own thread. */
	interface BatchConsumer {

		/**
		 * A batch of records, or an empty one (a tick). The list is reused for the next batch: keep
		 * no reference to it. Should not throw: what it throws ends the drain.
		 */
		void batch(List<LogRecord> batch);

		/** The queue is closed and empty: no batch follows. */
		void completed();

		/** The drain loop failed: no batch follows. */
		void failed(Throwable error);
	}

	/** Starts the drain thread, which hands every batch to {@code consumer}. Call once. */
	void start(BatchConsumer consumer) {
		Thread t = new Thread(() -> drainLoop(consumer), threadName);
		t.setDaemon(true);
		t.start();
	}

	private void drainLoop(BatchConsumer consumer) {
		long idleSince = 0; // when the queue was first found empty since the last record; 0 while busy
		long lastRecords = 0; // when the last non-empty batch was taken
		long gap = 2 * BUSY_GAP_NANOS; // moving average of the time between non-empty batches
		long recordGap = 1_000_000_000L; // moving average of the time between records
		boolean napped = false; // the last nap found no record: sleep instead of napping again
		// one list, reused: the consumer routes a batch before the next drain and keeps no reference to it
		List<LogRecord> batch = new ArrayList<>(MAX_BATCH);
		MessagePassingQueue.Consumer<LogRecord> into = batch::add;
		try {
			while (true) {
				batch.clear();
				queue.drain(into, MAX_BATCH);
				if (!batch.isEmpty()) {
					long t = System.nanoTime();
					if (lastRecords != 0) {
						gap = gap - (gap >> 3) + ((t - lastRecords) >> 3);
						recordGap = recordGap - (recordGap >> 3) + (((t - lastRecords) / batch.size()) >> 3);
					}
					lastRecords = t;
					idleSince = 0;
					napped = false;
					consumer.batch(batch);
					continue;
				}
				if (closing) {
					queue.drain(into, MAX_BATCH);
					if (batch.isEmpty()) {
						consumer.completed();
						return;
					}
					consumer.batch(batch);
					continue;
				}
				long now = System.nanoTime();
				if (idleSince == 0) {
					idleSince = now;
				}
				if (gap < BUSY_GAP_NANOS && now - idleSince < POLL_NANOS) {
					// callers see no waiter and do not signal; an empty tick each time, so control
					// actions (plan switches) are still taken at once
					LockSupport.parkNanos(this, POLL_STEP_NANOS);
					consumer.batch(TICK);
					continue;
				}
				if (!napped && recordGap < lingerGapNanos) {
					// records come a few milliseconds apart: take the next ones together after a nap
					// (callers do not wake it) rather than waking for each
					napped = true;
					wakeup.nap(lingerNanos);
					consumer.batch(TICK);
					continue;
				}
				wakeup.prepare();
				if (queue.isEmpty() && !closing) {
					wakeup.park(tickNanos);
				}
				else {
					wakeup.cancel();
				}
				consumer.batch(TICK);
			}
		}
		catch (Throwable t) {
			consumer.failed(t);
		}
	}
}
