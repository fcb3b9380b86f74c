package dev.sluice.pipeline;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one sink did, counted since the pipeline started: records it received, delivered, dropped
 * (by reason), retried, handed to its fallback handler, and that its filters rejected. Immutable.
 * Once the sink has been drained, {@code received == delivered + dropped + fallback + filtered}.
 */
public final class SinkReport {

	private final String sink;
	private final long received;
	private final long delivered;
	private final Map<String, Long> droppedByReason;
	private final long retried;
	private final long filtered;
	private final long fallback;

	/** A report; normally made by the pipeline. */
	public SinkReport(String sink, long received, long delivered, Map<String, Long> droppedByReason, long retried,
			long filtered, long fallback) {
		this.sink = sink;
		this.received = received;
		this.delivered = delivered;
		this.droppedByReason = java.util.Collections.unmodifiableMap(new TreeMap<>(droppedByReason));
		this.retried = retried;
		this.filtered = filtered;
		this.fallback = fallback;
	}

	/** The handler's name. */
	public String sink() {
		return sink;
	}

	/** Records routed to the sink. */
	public long received() {
		return received;
	}

	/** Records the sink delivered. */
	public long delivered() {
		return delivered;
	}

	/** Records dropped, all reasons together. */
	public long dropped() {
		long total = 0;
		for (long v : droppedByReason.values()) {
			total += v;
		}
		return total;
	}

	/** Records dropped, by reason ({@link DropReasons}). */
	public Map<String, Long> droppedByReason() {
		return droppedByReason;
	}

	/** Record deliveries the sink tried again. */
	public long retried() {
		return retried;
	}

	/** Records the handler's level or filters refused. */
	public long filtered() {
		return filtered;
	}

	/** Records handed to the fallback handler (delivered or accounted there, not lost). */
	public long fallback() {
		return fallback;
	}

	@Override
	public String toString() {
		return sink + ": received " + received + ", delivered " + delivered + ", dropped " + dropped()
				+ (droppedByReason.isEmpty() ? "" : " " + droppedByReason) + (filtered > 0 ? ", filtered " + filtered : "")
				+ (fallback > 0 ? ", to fallback " + fallback : "")
				+ (retried > 0 ? ", retried " + retried : "");
	}
}
