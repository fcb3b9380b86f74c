package dev.sluice.pipeline.engine;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

import dev.sluice.pipeline.BufferSpec;
import dev.sluice.pipeline.DropReasons;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.OverflowPolicy;
import org.jctools.queues.MpmcArrayQueue;

/**
 * One sink's bounded buffer between the router (and, for fallbacks, other sinks' threads) and
 * the sink's runner.
 *
 * <p>When the buffer cannot take a record its {@link OverflowPolicy} decides, and every record
 * given up is counted in the sink's stats by reason. The queue is JCTools' lock-free
 * {@code MpmcArrayQueue}: multi-consumer because drop_oldest evicts from the router's side while
 * the runner polls, and shutdown may drain what an abandoned runner left.
 */
final class BoundedSinkBuffer {

	private final MpmcArrayQueue<LogRecord> queue;
	private final BufferSpec spec;
	private final SinkStats stats;
	private final int discardMark;
	private final int discardBelow;
	/**
	 * Block policy: the sink's settled count when it was found stalled (a whole block timeout
	 * without progress), or -1 while it is not. Router thread only.
	 */
	private long stalledAt = -1;

	BoundedSinkBuffer(BufferSpec spec, SinkStats stats) {
		this.queue = new MpmcArrayQueue<>(spec.capacity());
		this.spec = spec;
		this.stats = stats;
		this.discardMark = (int) Math.ceil(spec.capacity() * spec.fillMark());
		this.discardBelow = spec.discardBelow() == null ? Integer.MIN_VALUE : spec.discardBelow().value();
	}

	/**
	 * Router thread (or a handoff from another sink): buffers {@code record} or accounts for it. Returns whether it was
	 * buffered. {@code consumer} is woken while the block policy waits.
	 */
	boolean offer(LogRecord record, Wakeup consumer) {
		return offer(record, consumer, true);
	}

	/** As {@link #offer(LogRecord, Wakeup)}; with {@code mayBlock} false the block policy drops at once. */
	boolean offer(LogRecord record, Wakeup consumer, boolean mayBlock) {
		stats.received.increment();
		if (record.level().value() < discardBelow && queue.size() >= discardMark) {
			stats.dropped(1, DropReasons.BELOW_THRESHOLD);
			return false;
		}
		if (queue.offer(record)) {
			return true;
		}
		switch (spec.policy()) {
			case DROP_OLDEST:
				while (true) {
					if (queue.poll() != null) {
						stats.dropped(1, DropReasons.EVICTED);
					}
					if (queue.offer(record)) {
						return true;
					}
				}
			case BLOCK:
				if (!mayBlock) {
					stats.dropped(1, DropReasons.BUFFER_FULL);
					return false;
				}
				return offerWaiting(record, consumer);
			case DROP_NEWEST:
			default:
				stats.dropped(1, DropReasons.BUFFER_FULL);
				return false;
		}
	}

	/**
	 * The block policy: waits for room while the sink makes progress; the timeout counts from its
	 * last progress, so a slow sink is waited for as long as it moves and a stalled one for one
	 * timeout, after which records are dropped at once until it settles one again.
	 */
	private boolean offerWaiting(LogRecord record, Wakeup consumer) {
		long progress = stats.settled();
		if (stalledAt >= 0) {
			if (progress == stalledAt) {
				stats.dropped(1, DropReasons.BLOCK_TIMEOUT);
				stalledAt = stats.settled(); // the drop itself counts as settled: not the sink's progress
				return false;
			}
			stalledAt = -1; // it moved again: wait for it as before
		}
		long timeout = spec.blockTimeout().toNanos();
		long deadline = System.nanoTime() + timeout;
		for (int round = 0; ; round++) {
			consumer.signal();
			if (round < 16) {
				Thread.onSpinWait();
			}
			else {
				LockSupport.parkNanos(round < 64 ? 5_000 : 50_000);
			}
			if (queue.offer(record)) {
				return true;
			}
			long now = System.nanoTime();
			long settled = stats.settled();
			if (settled != progress) {
				progress = settled;
				deadline = now + timeout;
			}
			else if (now - deadline >= 0) {
				stats.dropped(1, DropReasons.BLOCK_TIMEOUT);
				stalledAt = stats.settled();
				return false;
			}
		}
	}

	/** Moves up to {@code max} records into {@code out}; returns how many. */
	int drainTo(List<LogRecord> out, int max) {
		// a loop, not queue.drain(out::add, max): the method reference would be an object per batch
		int n = 0;
		LogRecord r;
		while (n < max && (r = queue.relaxedPoll()) != null) {
			out.add(r);
			n++;
		}
		return n;
	}

	/** The oldest record, left in place, or null. */
	LogRecord peek() {
		return queue.peek();
	}

	/** Takes the oldest record, or null. */
	LogRecord poll() {
		return queue.poll();
	}

	boolean isEmpty() {
		return queue.isEmpty();
	}

	int size() {
		return queue.size();
	}
}
