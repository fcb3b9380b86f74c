package dev.sluice.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.sluice.pipeline.sink.StatusLogger;

/** Shared bits of the pipeline tests. */
final class PipelineTestSupport {

	private PipelineTestSupport() {
	}

	/** A status logger whose output the test can read. */
	static final class CapturedStatus {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final StatusLogger logger = StatusLogger.to(new PrintStream(bytes, true, StandardCharsets.UTF_8));

		String text() {
			return bytes.toString(StandardCharsets.UTF_8);
		}
	}

	/** Waits (without a time assertion) until the router has handed {@code n} records to each sink. */
	static void awaitReceived(Sluice sluice, long n, String... sinks) throws InterruptedException {
		long deadline = System.nanoTime() + 60_000_000_000L;
		for (String s : sinks) {
			while (sluice.reports().get(s).received() < n) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("sink " + s + " received only " + sluice.reports().get(s));
				}
				Thread.sleep(1);
			}
		}
	}

	static Sluice.Builder quiet(CapturedStatus status) {
		return Sluice.builder().shutdownHook(false).status(status.logger);
	}
}
