package dev.sluice.pipeline.sink;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes status lines to {@code System.err} on its own daemon thread, so that reporting never
 * blocks the reporting thread. Lock-free for producers: a queue offer and an unpark.
 */
final class StderrWriter implements Runnable {

	static final StderrWriter INSTANCE = new StderrWriter();

	private final Queue<String> lines = new ConcurrentLinkedQueue<>();
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

	void submit(String line) {
		lines.offer(line);
		LockSupport.unpark(thread);
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
			System.err.println(line);
			wrote = true;
		}
		return wrote;
	}
}
