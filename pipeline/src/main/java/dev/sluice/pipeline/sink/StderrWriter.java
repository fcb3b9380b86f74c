package dev.sluice.pipeline.sink;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes status lines to {@code System.err} on its own daemon thread, so that reporting never
 * blocks the reporting thread. Lock-free for producers: a queue offer and an unpark.
 *
 * <p>Bounded: at most {@link #CAPACITY} lines wait; a line that finds the queue full is counted
 * and not written, and the writer reports how many it lost once it has room again. So a flood of
 * diagnostics (records logged after shutdown, a last-resort handler under load) costs a bounded
 * amount of memory and is never silent.
 */
final class StderrWriter implements Runnable {

	static final StderrWriter INSTANCE = new StderrWriter();

	static final int CAPACITY = 10_000;

	private final Queue<String> lines = new ConcurrentLinkedQueue<>();
	private final java.util.concurrent.atomic.AtomicInteger queued = new java.util.concurrent.atomic.AtomicInteger();
	/** Lines lost to a full queue since the last report of them. */
	private final java.util.concurrent.atomic.AtomicLong lost = new java.util.concurrent.atomic.AtomicLong();
	private final java.util.concurrent.atomic.AtomicLong lostTotal = new java.util.concurrent.atomic.AtomicLong();
	private final Thread thread;

	private StderrWriter() {
		thread = new Thread(this, "sluice-status");
		thread.setDaemon(true);
		thread.start();
		try {
			Runtime.getRuntime().addShutdownHook(new Thread(this::drain, "sluice-status-exit"));
		}
		catch (IllegalStateException exitUnderWay) {
			// first status line during the JVM's exit (a record logged by another exit hook after
			// the pipeline stopped): no hook can be added any more, and failing here would fail
			// that hook (Spring's context close did); the writer thread still writes until halt
		}
	}

	/** Queues {@code line}; returns false (and counts it) when {@link #CAPACITY} lines already wait. */
	boolean submit(String line) {
		if (queued.incrementAndGet() > CAPACITY) {
			queued.decrementAndGet();
			lost.incrementAndGet();
			lostTotal.incrementAndGet();
			return false;
		}
		lines.offer(line);
		LockSupport.unpark(thread);
		return true;
	}

	/** Status lines lost to a full queue since the JVM started. */
	long lostTotal() {
		return lostTotal.get();
	}

	/** Caller waits until the queue is empty, at most {@code millis}. */
	void flush(long millis) {
		long deadline = System.nanoTime() + millis * 1_000_000L;
		while (!lines.isEmpty() && System.nanoTime() - deadline < 0) {
			LockSupport.parkNanos(1_000_000L);
		}
	}

	@Override
	public void run() {
		while (true) {
			if (!drain()) {
				LockSupport.parkNanos(this, 100_000_000L);
			}
		}
	}

	/** Writes what is queued; returns whether anything was. Runs on the writer thread or at exit. */
	private synchronized boolean drain() {
		boolean wrote = false;
		String line;
		while ((line = lines.poll()) != null) {
			queued.decrementAndGet();
			System.err.println(line);
			wrote = true;
		}
		long n = lost.getAndSet(0);
		if (n > 0) {
			System.err.println("sluice: WARNING [status] " + n + " status line(s) not written: more than " + CAPACITY
					+ " were waiting");
		}
		return wrote;
	}
}
