package dev.sluice.pipeline.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.StatusLogger;

/**
 * One thread for the runners of the sinks that write to one output (a process stream, a file): it writes
 * their records in routing order, record after record and, for one record, handler after handler in
 * its route's order, as CPython's handlers write one after another on the caller's thread. Two
 * stream handlers on {@code sys.stderr} thus interleave their lines as under CPython, where a thread
 * per sink would not.
 *
 * <p>Each runner keeps its own buffer, policy, level, filters and accounting; the lane only merges
 * their buffers by the records' routing sequence. A record is taken once the router has routed it
 * to every sink ({@code routedThrough}), so that the sinks of one record are known when it is
 * written. A record handed over by a fallback (routed before, possibly under another plan) is
 * written where it comes in that order. Consecutive records of one sink are written in one batch;
 * a lane with one runner (the usual case: one handler per stream) drains it in batches exactly as
 * its own thread would.
 *
 * <p>The thread runs while the lane has runners and starts again when one joins later (a reload).
 * Thread-safe: {@link #join} from any thread; the rest runs on the lane's thread.
 */
final class SharedLane implements Runnable {

	/** Wakes the lane's thread; the runners of the lane signal it. */
	final Wakeup wakeup = new Wakeup();
	private final String threadName;
	private final int maxBatch;
	private final AtomicLong routedThrough;
	private final StatusLogger status;
	private final RecordAccess records = RecordAccess.get();
	private final List<SinkRunner> runners = new CopyOnWriteArrayList<>();
	/** Guarded by this: whether a thread runs the lane. */
	private boolean running;

	/**
	 * @param routedThrough the sequence number of the last record the router finished routing
	 * @param maxBatch the most records written per turn
	 */
	SharedLane(String threadName, int maxBatch, AtomicLong routedThrough, StatusLogger status) {
		this.threadName = threadName;
		this.maxBatch = Math.max(1, maxBatch);
		this.routedThrough = routedThrough;
		this.status = status;
	}

	/** Adds a runner; starts the lane's thread if none runs. */
	synchronized void join(SinkRunner runner) {
		runners.add(runner);
		if (!running) {
			running = true;
			Thread t = new Thread(this, threadName);
			t.setDaemon(true);
			t.start();
		}
	}

	@Override
	public void run() {
		List<LogRecord> run = new ArrayList<>();
		while (true) {
			try {
				for (SinkRunner r : runners) {
					if (r.done()) {
						runners.remove(r);
						r.finish();
					}
				}
				if (runners.isEmpty()) {
					synchronized (this) {
						if (runners.isEmpty()) {
							running = false;
							return;
						}
					}
					continue;
				}
				if (writeInOrder(run) > 0) {
					continue;
				}
				wakeup.prepare();
				if (!hasWork()) {
					wakeup.park(Wakeup.IDLE_PARK_NANOS);
				}
				else {
					wakeup.cancel();
				}
			}
			catch (Throwable t) {
				run.clear();
				status.once("lane:" + threadName + ":" + t.getClass().getName(), "pipeline",
						"the thread of the sinks sharing an output failed; it goes on", t);
			}
		}
	}

	/** Writes up to a batch of records in routing order; returns how many. */
	private int writeInOrder(List<LogRecord> run) {
		if (runners.size() == 1) {
			// the only runner: in batches, as on a thread of its own (no order to keep with another;
			// a runner joining meanwhile is merged from the next turn)
			SinkRunner only = runners.get(0);
			return only.abandoned() ? 0 : only.writeNextBatch(run);
		}
		long limit = routedThrough.get();
		SinkRunner current = null;
		int taken = 0;
		while (taken < maxBatch) {
			SinkRunner first = null;
			LogRecord head = null;
			for (SinkRunner r : runners) {
				LogRecord h = r.abandoned() ? null : r.peek();
				if (h != null && h.sequence() <= limit && (head == null || h.sequence() < head.sequence())) {
					first = r;
					head = h;
				}
			}
			if (first == null) {
				break;
			}
			long othersFrom = othersFirstSequence(first);
			if (head.sequence() < othersFrom) {
				// no other sink of the lane holds this record or an earlier one, and none will (every
				// record up to the limit is routed): this sink's records before theirs go in a row
				LogRecord h = head;
				while (h != null && h.sequence() <= limit && h.sequence() < othersFrom && taken < maxBatch) {
					current = take(first, current, run);
					taken++;
					h = first.peek();
				}
				continue;
			}
			// the record's sinks on this lane, in its route's order (a sink twice when the route has it twice)
			boolean took = false;
			Object route = records.cachedRoute(head);
			if (route instanceof Route) {
				for (SinkRunner r : ((Route) route).runners) {
					if (r.lane == this && !r.abandoned() && r.peek() == head) {
						current = take(r, current, run);
						took = true;
						taken++;
					}
				}
			}
			if (!took) {
				// routed under another plan, or handed over by a fallback: written alone, where it comes
				current = take(first, current, run);
				taken++;
			}
		}
		write(current, run);
		return taken;
	}

	/** The lowest sequence number at the head of the other runners' buffers, or Long.MAX_VALUE. */
	private long othersFirstSequence(SinkRunner first) {
		long min = Long.MAX_VALUE;
		for (SinkRunner r : runners) {
			if (r != first && !r.abandoned()) {
				LogRecord h = r.peek();
				if (h != null && h.sequence() < min) {
					min = h.sequence();
				}
			}
		}
		return min;
	}

	/**
	 * Takes {@code r}'s oldest record into the run, writing the run first if it belongs to another
	 * sink: a record stays in its sink's buffer (where a shutdown deadline accounts for it) while
	 * another sink's write holds the thread.
	 */
	private static SinkRunner take(SinkRunner r, SinkRunner current, List<LogRecord> run) {
		if (current != r) {
			write(current, run);
		}
		LogRecord record = r.poll();
		if (record == null) {
			return current;
		}
		run.add(record);
		return r;
	}

	/** Writes the run (a copy: the sink may keep its batch) with {@code runner}'s sink, and empties it. */
	private static void write(SinkRunner runner, List<LogRecord> run) {
		if (runner != null && !run.isEmpty()) {
			runner.writeRun(new ArrayList<>(run));
			run.clear();
		}
	}

	private boolean hasWork() {
		long limit = runners.size() == 1 ? Long.MAX_VALUE : routedThrough.get();
		for (SinkRunner r : runners) {
			if (r.done()) {
				return true;
			}
			LogRecord h = r.peek();
			if (h != null && h.sequence() <= limit) {
				return true;
			}
		}
		return false;
	}
}
