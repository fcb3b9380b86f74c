package dev.sluice.benchmarks.stacks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The slow service behind the stalled sink: every write (a batch for Sluice, one event for an
 * appender) takes {@code pauseMillis}, until {@link #release()} lets the rest through at once so
 * that a benchmark can stop its stack (or a caller stuck behind the stall can return).
 * Thread-safe.
 */
public final class Stall {

	private final long pauseNanos;
	/** Set once by the benchmark thread at the end of a trial; read by the stalled sink's thread. */
	private volatile boolean released;
	private final AtomicLong records = new AtomicLong();

	public Stall(long pauseMillis) {
		this.pauseNanos = TimeUnit.MILLISECONDS.toNanos(pauseMillis);
	}

	/** The stalled sink's thread: takes {@code count} records, pausing first unless released. */
	public void take(int count) {
		long end = System.nanoTime() + pauseNanos;
		while (!released && System.nanoTime() - end < 0) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		records.addAndGet(count);
	}

	public void release() {
		released = true;
	}

	/** Stalls again (the next shot of the stalled-sink benchmark). */
	public void rearm() {
		released = false;
	}

	/** Records the stalled sink has taken so far. */
	public long records() {
		return records.get();
	}
}
