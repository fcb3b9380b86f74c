package dev.sluice.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jdk.jfr.consumer.RecordingStream;

/**
 * The stop-the-world collector pauses of this JVM from the moment it is made, read from JFR's
 * {@code jdk.GCPhasePause} events (every collector reports its pauses there, G1's young and full
 * collections as ZGC's short pauses; concurrent work is not a pause), so that a slow call can be
 * told apart from a pause that stopped every thread. Thread-safe; {@link #close()} ends the stream.
 */
final class GcPauses implements AutoCloseable {

	/** A call and a pause this close (ns) are taken to overlap: the two clocks are read apart. */
	private static final long SLACK_NANOS = 200_000;

	private final List<long[]> pauses = new ArrayList<>();
	/** Safepoints (guarded by {@link #pauses}). */
	private final List<long[]> safepoints = new ArrayList<>();
	private final RecordingStream stream = new RecordingStream();
	/** The same moment on the two clocks: epoch nanoseconds and {@link System#nanoTime()}. */
	private final long epoch0;
	private final long nano0;

	GcPauses() {
		Instant now = Instant.now();
		nano0 = System.nanoTime();
		epoch0 = now.getEpochSecond() * 1_000_000_000L + now.getNano();
		stream.enable("jdk.GCPhasePause").withThreshold(java.time.Duration.ZERO);
		stream.onEvent("jdk.GCPhasePause", e -> add(pauses, e));
		// every other stop of every thread: a VM operation at a safepoint and the wait to reach it
		stream.enable("jdk.ExecuteVMOperation").withThreshold(java.time.Duration.ZERO);
		stream.onEvent("jdk.ExecuteVMOperation", e -> {
			if (e.getBoolean("safepoint")) {
				add(safepoints, e);
			}
		});
		stream.enable("jdk.SafepointStateSynchronization").withThreshold(java.time.Duration.ZERO);
		stream.onEvent("jdk.SafepointStateSynchronization", e -> add(safepoints, e));
		stream.startAsync();
	}

	/** Adds {@code e}'s span, on the {@link System#nanoTime()} clock, to {@code intervals}. */
	private void add(List<long[]> intervals, jdk.jfr.consumer.RecordedEvent e) {
		long start = e.getStartTime().getEpochSecond() * 1_000_000_000L + e.getStartTime().getNano() - epoch0 + nano0;
		synchronized (pauses) {
			intervals.add(new long[] {start, start + e.getDuration().toNanos()});
		}
	}

	/** Whether the interval between the two {@link System#nanoTime()} readings overlaps a collector pause. */
	boolean overlaps(long startNanos, long endNanos) {
		return overlaps(pauses, startNanos, endNanos);
	}

	/**
	 * Whether the interval overlaps a safepoint that is not a collector pause (a VM operation that
	 * stops every thread, such as deoptimisation or a thread dump, or the wait to reach one).
	 */
	boolean overlapsSafepoint(long startNanos, long endNanos) {
		return overlaps(safepoints, startNanos, endNanos);
	}

	private boolean overlaps(List<long[]> intervals, long startNanos, long endNanos) {
		synchronized (pauses) {
			for (long[] p : intervals) {
				if (p[0] <= endNanos + SLACK_NANOS && p[1] >= startNanos - SLACK_NANOS) {
					return true;
				}
			}
		}
		return false;
	}

	/** Pauses seen between the two {@link System#nanoTime()} readings: {count, longest in ns}. */
	long[] between(long startNanos, long endNanos) {
		long count = 0;
		long longest = 0;
		synchronized (pauses) {
			for (long[] p : pauses) {
				if (p[0] <= endNanos && p[1] >= startNanos) {
					count++;
					longest = Math.max(longest, p[1] - p[0]);
				}
			}
		}
		return new long[] {count, longest};
	}

	/** Waits (up to a few seconds) for JFR to hand over the pauses recorded so far, then ends the stream. */
	@Override
	public void close() {
		try {
			Thread.sleep(1_500); // JFR flushes its buffers to the stream about once a second
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		stream.close();
	}
}
