package dev.sluice.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import dev.sluice.benchmarks.stacks.Library;
import dev.sluice.benchmarks.stacks.Profile;
import dev.sluice.benchmarks.stacks.Stack;
import dev.sluice.benchmarks.stacks.StackSpec;
import dev.sluice.benchmarks.stacks.Target;

/**
 * One trial of one library: a temporary directory, the stack, the calls made, and at the end
 * the delivery check every benchmark runs: the stack is stopped (everything flushed), the lines
 * that reached the main sink are counted and compared with the calls made.
 *
 * <p>A library set up not to discard (Log4j2 at its defaults, Logback and Sluice in the lossless
 * profile) must have delivered every record, else the trial fails: a baseline that loses records
 * would look faster than it is. Sluice must account for every record (delivered or counted as
 * dropped). What a library that discards by design lost silently is reported.
 */
public final class Trial {

	private final String benchmark;
	private final Library library;
	private final Path directory;
	private final Stack stack;
	private final long startNanos = System.nanoTime();
	/** Calls made, added by each benchmark thread at the end of each iteration. */
	public final LongAdder calls = new LongAdder();
	/** How many iteration reports ({@link #report}) have come in. */
	private final java.util.concurrent.atomic.AtomicInteger reports = new java.util.concurrent.atomic.AtomicInteger();

	private Trial(String benchmark, Library library, Path directory, Stack stack) {
		this.benchmark = benchmark;
		this.library = library;
		this.directory = directory;
		this.stack = stack;
	}

	/** Opens {@code library} writing to {@code target} in a fresh temporary directory. */
	public static Trial open(String benchmark, Library library, Target target, Profile profile,
			java.util.function.UnaryOperator<StackSpec> customize) {
		Path dir;
		try {
			dir = Files.createTempDirectory("sluice-bench-");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		StackSpec spec = customize.apply(StackSpec.of(target, dir, profile));
		return new Trial(benchmark, library, dir, library.open(spec));
	}

	public Stack stack() {
		return stack;
	}

	/** A benchmark thread, at the end of an iteration: the calls it made in it. */
	public void report(long callsMade) {
		calls.add(callsMade);
		reports.incrementAndGet();
	}

	/**
	 * Waits until {@code expected} iteration reports have come in: JMH runs the trial's tear-down
	 * on the first thread to finish, while another may still be ending its last iteration.
	 */
	public void awaitReports(int expected) {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
		while (reports.get() < expected) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("only " + reports.get() + " of " + expected + " iteration reports came in");
			}
			java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
		}
	}

	/**
	 * Stops the stack, checks delivery, writes an {@link Extras} line with {@code more}, deletes
	 * the directory. {@code strict}: fail when a library that should not discard lost records.
	 *
	 * @throws IllegalStateException when the check fails (JMH reports the trial as failed)
	 */
	public Map<String, Object> finish(Map<String, ?> params, Map<String, ?> more, boolean strict) {
		long stopStart = System.nanoTime();
		stack.stop();
		long stopNanos = System.nanoTime() - stopStart;
		long made = calls.sum();
		long delivered = stack.output().linesExact();
		long counted = stack.countedDrops();
		long lost = made - delivered - counted;
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("benchmark", benchmark);
		line.put("library", library.name());
		line.put("params", params);
		line.put("calls", made);
		line.put("delivered", delivered);
		line.put("counted_drops", counted);
		line.put("silently_lost", lost);
		line.put("bytes", stack.output().bytes());
		line.put("trial_seconds", (System.nanoTime() - startNanos) / 1e9);
		line.put("stop_seconds", stopNanos / 1e9);
		line.put("first_line", stack.output().firstLine());
		line.putAll(more);
		Extras.write(line);
		cleanUp();
		if (strict && !stack.dropsByDesign() && delivered != made) {
			throw new IllegalStateException(library + " was set up not to discard, yet delivered " + delivered
					+ " of " + made + " records (" + (made - delivered) + " lost)");
		}
		if (library.isSluice() && lost != 0) {
			throw new IllegalStateException("Sluice lost " + lost + " of " + made + " records without counting them ("
					+ delivered + " delivered, " + counted + " counted as dropped)");
		}
		return line;
	}

	private void cleanUp() {
		dev.sluice.testkit.Directories.deleteTree(directory);
	}
}
