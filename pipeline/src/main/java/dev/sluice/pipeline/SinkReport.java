package dev.sluice.pipeline;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one sink did, counted since the pipeline started: records it received, delivered, dropped
 * (by reason), retried, and that its filters rejected. Immutable. Once the sink has been drained,
 * {@code received == delivered + dropped + filtered}.
 */
public final class SinkReport {

	private final String sink;
	private final long received;
	private final long delivered;
	private final Map<String, Long> droppedByReason;
	private final long retried;
	private final long filtered;

	public SinkReport(String sink, long received, long delivered, Map<String, Long> droppedByReason, long retried,
			long filtered) {
		this.sink = sink;
		this.received = received;
		this.delivered = delivered;
		this.droppedByReason = java.util.Collections.unmodifiableMap(new TreeMap<>(droppedByReason));
		this.retried = retried;
		this.filtered = filtered;
	}

	public String sink() {
		return sink;
	}

	public long received() {
		return received;
	}

	public long delivered() {
		return delivered;
	}

	public long dropped() {
		long total = 0;
		for (long v : droppedByReason.values()) {
			total += v;
		}
		return total;
	}

	public Map<String, Long> droppedByReason() {
		return droppedByReason;
	}

	public long retried() {
		return retried;
	}

	public long filtered() {
		return filtered;
	}

	@Override
	public String toString() {
		return sink + ": received " + received + ", delivered " + delivered + ", dropped " + dropped()
				+ (droppedByReason.isEmpty() ? "" : " " + droppedByReason) + (filtered > 0 ? ", filtered " + filtered : "")
				+ (retried > 0 ? ", retried " + retried : "");
	}
}
