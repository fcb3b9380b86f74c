package dev.sluice.pipeline.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.sluice.pipeline.sink.StatusLogger;

/**
 * Reports drops as one summary line per interval instead of one line per dropped record: "dropped
 * 1200 records in the last 5 s: sink 'slack' buffer_full=1200". Runs on the router thread.
 */
final class DropSummary {

	private final Supplier<Map<String, Map<String, Long>>> dropsBySource;
	private final StatusLogger status;
	private final long intervalNanos;
	private long nextCheck;
	private Map<String, Map<String, Long>> last = Map.of();

	DropSummary(Supplier<Map<String, Map<String, Long>>> dropsBySource, StatusLogger status, long intervalNanos) {
		this.dropsBySource = dropsBySource;
		this.status = status;
		this.intervalNanos = intervalNanos;
		this.nextCheck = System.nanoTime() + intervalNanos;
	}

	synchronized void maybeReport() {
		long now = System.nanoTime();
		if (now - nextCheck < 0) {
			return;
		}
		nextCheck = now + intervalNanos;
		report("in the last " + (intervalNanos / 1_000_000_000L) + " s");
	}

	/** Reports drops since the last report, if any; returns whether it printed. */
	synchronized boolean report(String period) {
		Map<String, Map<String, Long>> current = dropsBySource.get();
		StringBuilder detail = new StringBuilder();
		long total = 0;
		for (Map.Entry<String, Map<String, Long>> source : new TreeMap<>(current).entrySet()) {
			Map<String, Long> before = last.getOrDefault(source.getKey(), Map.of());
			StringBuilder reasons = new StringBuilder();
			for (Map.Entry<String, Long> reason : source.getValue().entrySet()) {
				long delta = reason.getValue() - before.getOrDefault(reason.getKey(), 0L);
				if (delta > 0) {
					total += delta;
					reasons.append(' ').append(reason.getKey()).append('=').append(delta);
				}
			}
			if (reasons.length() > 0) {
				detail.append(detail.length() == 0 ? "" : ";").append(' ').append(source.getKey()).append(reasons);
			}
		}
		last = current;
		if (total == 0) {
			return false;
		}
		status.warn("pipeline", "dropped " + total + " records " + period + ":" + detail);
		return true;
	}
}
