package dev.sluice.sinks.slack;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of lines of one request that share a {@link SlackLine#groupKey() group key}: a burst of the
 * same message, shown as one line with {@code " (x37 in 60 s)"}. Built by {@link #of}; immutable
 * after.
 */
final class LineGroup {

	private final SlackLine first;
	private final int count;
	private final long firstNanos;
	private final long lastNanos;

	private LineGroup(SlackLine first, int count, long firstNanos, long lastNanos) {
		this.first = first;
		this.count = count;
		this.firstNanos = firstNanos;
		this.lastNanos = lastNanos;
	}

	/** Groups {@code lines} (already ordered so that a group's lines are adjacent), in order. */
	static List<LineGroup> of(List<SlackLine> lines) {
		List<LineGroup> groups = new ArrayList<>();
		int i = 0;
		while (i < lines.size()) {
			SlackLine head = lines.get(i);
			long min = head.record().epochNanos();
			long max = min;
			int j = i + 1;
			while (j < lines.size() && lines.get(j).groupKey().equals(head.groupKey())) {
				long t = lines.get(j).record().epochNanos();
				min = Math.min(min, t);
				max = Math.max(max, t);
				j++;
			}
			groups.add(new LineGroup(head, j - i, min, max));
			i = j;
		}
		return groups;
	}

	/** The group's first line (its text stands for the whole burst). */
	SlackLine first() {
		return first;
	}

	/** How many records the group stands for. */
	int count() {
		return count;
	}

	long firstNanos() {
		return firstNanos;
	}

	/** The burst's span in whole seconds, rounded up, at least 1. */
	long spanSeconds() {
		long nanos = lastNanos - firstNanos;
		return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
	}

	/** {@code " (x37 in 60 s)"} for a burst, empty for a single record. */
	String suffix() {
		return count == 1 ? "" : " (x" + count + " in " + spanSeconds() + " s)";
	}

	/** The text of the group as one line of the message. */
	String line() {
		return first.text() + suffix();
	}
}
