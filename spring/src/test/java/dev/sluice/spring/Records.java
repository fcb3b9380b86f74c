package dev.sluice.spring;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.LogRecord;

/** What the test handlers of {@code sluice-test.yaml} received, and waiting for it. */
final class Records {

	/** Every record (root's handler). */
	static final String RECORDS = "recording";
	/** Every event record (logger {@code sluice.events}). */
	static final String EVENTS = "events";

	private Records() {
	}

	/** {@code handler}'s records that carry an OperationId, by OperationId. */
	static Map<String, List<LogRecord>> byOperation(String handler) {
		return RecordingSinkProvider.records(handler).stream()
				.filter(r -> r.attributes().get(StandardKeys.OPERATION_ID) != null)
				.collect(Collectors.groupingBy(r -> r.attributes().get(StandardKeys.OPERATION_ID).toString()));
	}

	static List<LogRecord> ofOperation(String handler, String operationId) {
		return byOperation(handler).getOrDefault(operationId, List.of());
	}

	static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/**
	 * Waits for a condition the pipeline's threads make true (records reach sinks on their own
	 * threads); fails after a generous deadline. Polling, not a timed assertion: a slow machine only
	 * makes it wait longer.
	 */
	static void awaitUntil(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("gave up waiting for " + what);
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
	}
}
