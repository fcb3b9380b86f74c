package dev.sluice.benchmarks;

import dev.sluice.benchmarks.stacks.Output;

/**
 * Measures, over one iteration, how many records reached the main sink, for JMH's
 * {@code @AuxCounters} of the first benchmark thread (one thread reports, so that the counter is
 * not multiplied by the thread count). Not thread-safe: one per benchmark thread.
 */
final class DeliveredRate {

	private long linesAtStart;

	void begin(Output output) {
		linesAtStart = output.linesSoFar();
	}

	/** Lines delivered since {@link #begin}. */
	long end(Output output) {
		return output.linesSoFar() - linesAtStart;
	}
}
