package dev.sluice.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a pipeline did by the time it shut down: per sink, what it received, delivered and dropped
 * (by reason); at the ingress, what was accepted and what was dropped before reaching any sink;
 * and whether the deadline cut the drain short. Immutable.
 */
public final class ShutdownReport {

	private final Map<String, SinkReport> sinks;
	private final long accepted;
	private final Map<String, Long> ingressDropped;
	private final boolean deadlineReached;

	ShutdownReport(Map<String, SinkReport> sinks, long accepted, Map<String, Long> ingressDropped,
			boolean deadlineReached) {
		this.sinks = Collections.unmodifiableMap(new LinkedHashMap<>(sinks));
		this.accepted = accepted;
		this.ingressDropped = Collections.unmodifiableMap(new TreeMap<>(ingressDropped));
		this.deadlineReached = deadlineReached;
	}

	/** {@return the report of each sink, by name (including sinks retired by a reload)} */
	public Map<String, SinkReport> sinks() {
		return sinks;
	}

	/**
	 * The report of sink {@code name}, or null.
	 *
	 * @param name the sink's (handler's) name
	 * @return the report of sink {@code name}, or null
	 */
	public SinkReport sink(String name) {
		return sinks.get(name);
	}

	/** {@return the number of records that entered the pipeline and were routed} */
	public long accepted() {
		return accepted;
	}

	/** {@return the records dropped before routing, counted by reason (ingress_full, after_shutdown, shutdown_deadline)} */
	public Map<String, Long> ingressDropped() {
		return ingressDropped;
	}

	/** {@return whether the shutdown deadline passed before every sink had drained} */
	public boolean deadlineReached() {
		return deadlineReached;
	}

	/** {@return how many records were dropped anywhere, for a quick "was anything lost" check} */
	public long droppedTotal() {
		long total = 0;
		for (long v : ingressDropped.values()) {
			total += v;
		}
		for (SinkReport s : sinks.values()) {
			total += s.dropped();
		}
		return total;
	}

	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder("accepted ").append(accepted);
		if (!ingressDropped.isEmpty()) {
			sb.append(", dropped at ingress ").append(ingressDropped);
		}
		if (deadlineReached) {
			sb.append(", deadline reached");
		}
		for (SinkReport s : sinks.values()) {
			sb.append("\n  ").append(s);
		}
		return sb.toString();
	}
}
