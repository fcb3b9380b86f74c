package dev.sluice.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;

/**
 * The state of one {@code sluice ship} from a file or stdin: counts, the pace of reading, and the
 * one drain and summary at the end, whether the input ended or a signal stopped it.
 *
 * <p>Pace: every {@link #WINDOW} records the reader starts a {@link Sluice#flush()} barrier and
 * waits for the one before the previous, so at most about three windows are in the pipeline and
 * no sink buffer overflows because the reader is faster than a sink.
 *
 * <p>Thread-safety: the counters are written by the reading thread; {@link #finish()} and
 * {@link #stopFromSignal()} may run on the shutdown hook's thread and are synchronized.
 */
final class ShipRun {

	/** Records per flush barrier. */
	static final int WINDOW = 2_048;

	private final Sluice sluice;
	private final PrintStream err;
	private final Duration drainTimeout;
	private final ArrayDeque<CompletableFuture<Void>> barriers = new ArrayDeque<>();
	/** Where the input stood (bytes, lines) when each barrier in {@link #barriers} was started. */
	private final ArrayDeque<long[]> positions = new ArrayDeque<>();
	/** The --resume file, or null. */
	private ResumeFile resume;
	/** Reads where the input stands now: {bytes, lines}. */
	private java.util.function.Supplier<long[]> position = () -> new long[] {0, 0};
	private volatile boolean stopping;
	private volatile long read;
	private volatile long shipped;
	private volatile long bad;
	private volatile long belowLevel;
	private volatile String readFailure;
	private Integer exitCode;

	ShipRun(Sluice sluice, PrintStream err, Duration drainTimeout) {
		this.sluice = sluice;
		this.err = err;
		this.drainTimeout = drainTimeout;
	}

	/** Records the input's progress in {@code file} as barriers complete (see {@link ResumeFile}). */
	void resumeIn(ResumeFile file, java.util.function.Supplier<long[]> where) {
		this.resume = file;
		this.position = where;
	}

	boolean stopping() {
		return stopping;
	}

	void read() {
		read++;
	}

	/** A line that could not be used: reported once with its number, counted, and skipped. */
	void bad(long line, String problem) {
		bad++;
		err.println("sluice ship: line " + line + ": " + problem + " (skipped)");
	}

	/** A record below its logger's level: not shipped, as the application would not have logged it. */
	void belowLevel() {
		belowLevel++;
	}

	void readFailed(Exception e) {
		readFailure = "reading the input failed after line " + read + ": " + e;
	}

	/** Counts a logged record and keeps the reader within the pipeline's pace. */
	void shipped() {
		long n = ++shipped;
		if (n % WINDOW != 0) {
			return;
		}
		barriers.add(sluice.flush().toFuture());
		positions.add(position.get());
		while (barriers.size() > 2 && !stopping) {
			try {
				barriers.peek().get(100, TimeUnit.MILLISECONDS);
				barriers.poll();
				settledUpTo(positions.poll());
			}
			catch (TimeoutException stillDraining) {
				// look at the stop flag, then wait on
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (java.util.concurrent.ExecutionException e) {
				barriers.poll(); // flush never errors; nothing to wait for
				positions.poll();
			}
		}
	}

	/** Every record of the input up to {@code where} is settled: a resumed run starts there. */
	private void settledUpTo(long[] where) {
		if (resume != null && where != null) {
			resume.save(where[0], where[1], err);
		}
	}

	/** The shutdown hook: stops reading, then drains and prints the summary (once). */
	void stopFromSignal() {
		if (exitCodeKnown()) {
			return;
		}
		stopping = true;
		err.println("sluice ship: stopping: draining what was accepted (up to " + drainTimeout + ")");
		finish();
	}

	private synchronized boolean exitCodeKnown() {
		return exitCode != null;
	}

	/** Drains the pipeline, prints the summary and returns the exit code; later calls return the same code. */
	synchronized int finish() {
		if (exitCode != null) {
			return exitCode;
		}
		long[] end = position.get();
		ShutdownReport report = sluice.shutdown(drainTimeout).block();
		if (!report.deadlineReached() && !stopping) {
			// the input ended and everything read was delivered or counted: a resumed run starts after
			// it (after a signal the last completed barrier's position stands: the line being logged
			// when the signal came may not have been)
			settledUpTo(end);
		}
		if (readFailure != null) {
			err.println("sluice ship: " + readFailure);
		}
		err.printf("sluice ship: read %,d line(s), shipped %,d record(s), %,d line(s) could not be used%s%s%n", read,
				shipped, bad, belowLevel == 0 ? "" : String.format(", %,d below their logger's level (not shipped)", belowLevel),
				stopping ? " (stopped by a signal before the end of the input)" : "");
		SinkLines.print(err, report);
		if (!report.ingressDropped().isEmpty()) {
			err.println("  dropped before routing: " + report.ingressDropped());
		}
		err.flush();
		exitCode = report.droppedTotal() == 0 && bad == 0 && readFailure == null ? 0 : 1;
		return exitCode;
	}
}
