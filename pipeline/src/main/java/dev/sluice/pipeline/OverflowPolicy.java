package dev.sluice.pipeline;

import java.util.Locale;

/**
 * What a sink's bounded buffer does with a record when it is full. Every record a policy gives
 * up on is counted by reason ({@link DropReasons}); none is lost silently.
 *
 * <ul>
 * <li>{@link #DROP_NEWEST} (default): the arriving record is dropped. Cheapest, keeps the oldest
 * context of an incident.</li>
 * <li>{@link #DROP_OLDEST}: the oldest buffered record is evicted to make room. Keeps the most
 * recent records, at the cost of a second queue operation.</li>
 * <li>{@link #BLOCK}: the router waits up to the buffer's block timeout for room, then drops.
 * Opt-in: while it waits, every other sink waits too and the ingress fills, so the callers'
 * records are then dropped at the ingress instead. Use it only for a sink that must see
 * everything and is known to keep up.</li>
 * </ul>
 */
public enum OverflowPolicy {
	DROP_NEWEST, DROP_OLDEST, BLOCK;

	/** Parses {@code drop_newest}, {@code drop_oldest} or {@code block}, in any case. */
	public static OverflowPolicy parse(String text) {
		try {
			return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("unknown overflow policy '" + text
					+ "': expected drop_newest, drop_oldest or block");
		}
	}
}
