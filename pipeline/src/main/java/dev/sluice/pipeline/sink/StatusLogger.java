package dev.sluice.pipeline.sink;

import java.io.PrintStream;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sluice's own diagnostics: a failing sink, a rejected config, a drop summary. They go to
 * standard error (never into the pipeline they describe, which may be the thing that is broken).
 *
 * <p>Never blocks the caller: {@link #stderr()} hands each line to one daemon thread that writes
 * it (a sink may report from a Netty event loop, where a write to stderr would be a blocking
 * call); lines still queued at JVM exit are written by a shutdown hook. {@link #to(PrintStream)}
 * writes synchronously, for tests that read what was reported.
 *
 * <p>{@link #once} reports a given key only the first time, so a sink that fails on every batch
 * says so once, not once per batch. Thread-safe; writes one line per call.
 */
public final class StatusLogger {

	private final PrintStream out;
	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	private StatusLogger(PrintStream out) {
		this.out = out;
	}

	/** {@return a status logger writing to {@code System.err} as it is when each line is written} */
	public static StatusLogger stderr() {
		return new StatusLogger(null);
	}

	/**
	 * A status logger writing to {@code out} (tests).
	 *
	 * @param out the stream lines are written to
	 * @return a status logger writing to {@code out} (tests)
	 */
	public static StatusLogger to(PrintStream out) {
		return new StatusLogger(Objects.requireNonNull(out, "out"));
	}

	/** {@return the stream lines go to now: the one given to {@link #to}, else {@code System.err} as it is now} */
	public PrintStream stream() {
		return out != null ? out : System.err;
	}

	/**
	 * Writes {@code "sluice: LEVEL [source] message"} and, when given, the cause's summary.
	 *
	 * @param level the line's level, such as {@code "ERROR"}
	 * @param source who reports it: a sink's or a component's name
	 * @param message what happened, in plain words
	 * @param cause the cause, or null; its stack trace follows the line
	 */
	public void log(String level, String source, String message, Throwable cause) {
		StringBuilder sb = new StringBuilder(96).append("sluice: ").append(level).append(" [").append(source)
				.append("] ").append(message);
		if (cause != null) {
			sb.append(": ").append(cause);
		}
		if (out != null) {
			out.println(sb);
		}
		else {
			StderrWriter.INSTANCE.submit(sb.toString());
		}
	}

	/**
	 * Writes {@code line} as it is, without the {@code "sluice: "} prefix: for text that stands for
	 * a record (Python's last-resort handler prints the bare message). Never blocks.
	 *
	 * @param line the text, without its line break
	 */
	public void raw(String line) {
		if (out != null) {
			out.println(line);
		}
		else {
			StderrWriter.INSTANCE.submit(line);
		}
	}

	/**
	 * Status lines that the stderr writer could not take (its queue was full) since the JVM
	 * started; each such loss is also reported on stderr once the writer has room again.
	 *
	 * @return how many status lines were lost
	 */
	public static long droppedLines() {
		return StderrWriter.INSTANCE.lostTotal();
	}

	/**
	 * Waits until every line handed to stderr so far is written, at most {@code millis}; for the
	 * end of a command-line run. Blocks: not for Reactor threads.
	 *
	 * @param millis the longest wait, in milliseconds
	 */
	public static void flushStderr(long millis) {
		StderrWriter.INSTANCE.flush(millis);
	}

	/**
	 * Reports a warning from {@code source}.
	 *
	 * @param source who reports it: a sink's or a component's name
	 * @param message what happened, in plain words
	 */
	public void warn(String source, String message) {
		log("WARNING", source, message, null);
	}

	/**
	 * Reports an error from {@code source}, with its cause (may be null).
	 *
	 * @param source who reports it: a sink's or a component's name
	 * @param message what happened, in plain words
	 * @param cause the cause, or null; its stack trace follows the line
	 */
	public void error(String source, String message, Throwable cause) {
		log("ERROR", source, message, cause);
	}

	/**
	 * Reports at ERROR the first time {@code key} is seen; later calls with the same key print
	 * nothing. Returns whether this call printed.
	 *
	 * @param key what identifies the cause: reported once per key until {@link #forget}
	 * @param source who reports it: a sink's or a component's name
	 * @param message what happened, in plain words
	 * @param cause the cause, or null; its stack trace follows the line
	 * @return {@code true} if this call reported
	 */
	public boolean once(String key, String source, String message, Throwable cause) {
		if (reported.add(key)) {
			error(source, message, cause);
			return true;
		}
		return false;
	}

	/**
	 * Forgets {@code key}, so that the next failure is reported again (after a recovery).
	 *
	 * @param key the key of an earlier {@link #once} report
	 */
	public void forget(String key) {
		reported.remove(key);
	}
}
