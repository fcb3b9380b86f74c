package dev.sluice.pipeline;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one sink did, counted since the pipeline started: records it received, delivered, dropped
 * (by reason), retried, handed to its fallback handler, and that its filters rejected. Immutable.
 * Once the sink has been drained, {@code received == delivered + dropped + fallback + filtered}. A
 * record below the handler's level is not routed to it, so it is in none of these counts (as a
 * record of another logger is not).
 */
public final class SinkReport {

	private final String sink;
	private final long received;
	private final long delivered;
	private final Map<String, Long> droppedByReason;
	private final long retried;
	private final long filtered;
	private final long fallback;

	/**
	 * A report; normally made by the pipeline.
	 *
	 * @param sink the sink's (handler's) name
	 * @param received records routed to the sink (those at or above the handler's level)
	 * @param delivered records it delivered
	 * @param droppedByReason records dropped, by reason
	 * @param retried deliveries tried again
	 * @param filtered records the handler's filters refused
	 * @param fallback records handed to the fallback handler
	 */
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

	/** {@return the handler's name} */
	public String sink() {
		return sink;
	}

	/** {@return the number of records routed to the sink} */
	public long received() {
		return received;
	}

	/** {@return the number of records the sink delivered} */
	public long delivered() {
		return delivered;
	}

	/** {@return the number of records dropped, all reasons together} */
	public long dropped() {
		long total = 0;
		for (long v : droppedByReason.values()) {
			total += v;
		}
		return total;
	}

	/** {@return the records dropped, counted by reason ({@link DropReasons})} */
	public Map<String, Long> droppedByReason() {
		return droppedByReason;
	}

	/** {@return how many record deliveries the sink tried again} */
	public long retried() {
		return retried;
	}

	/** {@return the number of records the handler's filters refused} */
	public long filtered() {
		return filtered;
	}

	/** {@return the number of records handed to the fallback handler (delivered or accounted there, not lost)} */
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
