package dev.sluice.sinks.delivery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a service answered to a request it accepted: every entry delivered, or some entries
 * rejected for good (CloudWatch's {@code rejectedLogEventsInfo}), which the engine counts as
 * dropped with the given reasons and does not retry. Immutable.
 */
public final class Outcome {

	private static final Outcome DELIVERED = new Outcome(Map.of());

	private final Map<String, Integer> rejected;

	private Outcome(Map<String, Integer> rejected) {
		this.rejected = rejected;
	}

	/** Every entry of the request was delivered. */
	public static Outcome delivered() {
		return DELIVERED;
	}

	/** {@code count} entries were rejected for {@code reason} (a drop reason such as {@code rejected_too_old}). */
	public static Outcome rejected(String reason, int count) {
		return DELIVERED.and(reason, count);
	}

	/** This outcome plus {@code count} more entries rejected for {@code reason}; a count of 0 changes nothing. */
	public Outcome and(String reason, int count) {
		if (count < 0) {
			throw new IllegalArgumentException("a rejected count must not be negative, was " + count);
		}
		if (count == 0) {
			return this;
		}
		Map<String, Integer> m = new LinkedHashMap<>(rejected);
		m.merge(reason, count, Integer::sum);
		return new Outcome(Collections.unmodifiableMap(m));
	}

	/** Rejected counts by reason (unmodifiable; empty when everything was delivered). */
	public Map<String, Integer> rejected() {
		return rejected;
	}

	public int rejectedCount() {
		int n = 0;
		for (int c : rejected.values()) {
			n += c;
		}
		return n;
	}

	@Override
	public String toString() {
		return rejected.isEmpty() ? "Outcome{delivered}" : "Outcome{rejected=" + rejected + '}';
	}
}
