package dev.sluice.benchmarks.stacks;

/**
 * One library set up for one measure: a logger, its async machinery, its main sink writing to
 * an {@link Output}, and optionally a second, stalled sink.
 *
 * <p>{@link #info} is the measured call and may be called from any number of threads. The
 * other methods are called by one thread at a time, outside the measured code.
 */
public abstract class Stack {

	protected final Output output;

	protected Stack(Output output) {
		this.output = output;
	}

	/** The measured call: {@code logger.info(template, a, b)} in the library's own API. */
	public abstract void info(String template, Object a, Object b);

	/**
	 * Flushes and stops the stack, blocking until everything it accepted is written (the time
	 * until the last byte is in the file, for the end-to-end measure).
	 */
	public abstract void stop();

	/** Records the library itself counted as dropped (its own accounting), 0 if it keeps none. */
	public long countedDrops() {
		return 0;
	}

	/** Whether the library, set up this way, may discard records by design (then losses are reported, not failed). */
	public abstract boolean dropsByDesign();

	/**
	 * Reload under load: rewrites the stack's configuration (generation {@code n} differs from
	 * {@code n - 1} in one logger's level) and makes the library apply it, as its file watcher
	 * would. Blocks until applied.
	 */
	public abstract void reload(int generation) throws Exception;

	public final Output output() {
		return output;
	}
}
