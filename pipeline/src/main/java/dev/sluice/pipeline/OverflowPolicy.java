package dev.sluice.pipeline;

import java.util.Locale;

/**
 * What a sink's bounded buffer does with a record when it is full. Every record a policy gives
 * up on is counted by reason ({@link DropReasons}); none is lost silently.
 *
 * <ul>
 * <li>{@link #DROP_NEWEST} (the default of remote sinks): the arriving record is dropped.
 * Cheapest, keeps the oldest context of an incident.</li>
 * <li>{@link #DROP_OLDEST}: the oldest buffered record is evicted to make room. Keeps the most
 * recent records, at the cost of a second queue operation.</li>
 * <li>{@link #BLOCK} (the default of local sinks: files, the console): lossless while the sink
 * makes progress. The router waits for room, the ingress fills behind it, and callers wait by
 * the {@link IngressFullPolicy} (those on Reactor non-blocking threads drop and count): a slow
 * disk slows the callers instead of losing records. A sink that settles nothing for a whole
 * block timeout is <em>stalled</em>: that record is dropped ({@code block_timeout}), and so is
 * every later one at once, without waiting, until the sink settles a record again. So a stalled
 * sink costs the others one block timeout, never more.</li>
 * </ul>
 */
public enum OverflowPolicy {
	/** A full buffer drops the record that arrives (counted, {@code buffer_full}). */
	DROP_NEWEST,
	/** A full buffer drops its oldest record to take the new one (counted, {@code buffer_full}). */
	DROP_OLDEST,
	/** A full buffer holds the router (and through the ingress, the callers) while the sink makes progress. */
	BLOCK;

	/**
	 * Parses {@code drop_newest}, {@code drop_oldest} or {@code block}, in any case.
	 *
	 * @param text the policy's name
	 * @return the policy of that name
	 */
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
