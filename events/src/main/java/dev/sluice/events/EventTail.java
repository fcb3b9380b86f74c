package dev.sluice.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.sluice.events.EventReads.SeqEvent;

/**
 * The cursor of one {@link EventStore#tail}: which insertion numbers ({@code seq}) it has emitted.
 *
 * <p>Why not just "the highest seq seen": a seq is taken when a row is inserted but the row becomes
 * visible when its transaction commits, and transactions commit in any order (two pipelines on one
 * store, the retention job's system event beside the sink's batch, PostgreSQL's sequences). A
 * cursor moved to seq 11 while seq 10 was still uncommitted would never show 10. So the cursor only
 * advances over a contiguous run; rows seen above a gap are remembered (to be emitted once) until
 * the gap fills. A gap is given up after {@code lateCommit} has passed since the first row above it
 * was seen: ids of rolled-back inserts never fill, and waiting longer for a transaction that began
 * before a row committed {@code lateCommit} ago is not worth stalling on.
 *
 * <p>Memory is bounded by the page size: only rows above a gap are remembered, and each poll reads
 * at most one page above the cursor. Not thread-safe on its own; the tail polls one at a time and
 * the methods are synchronized so that each poll sees the previous one's state.
 */
final class EventTail {

	private final long lateCommitMillis;
	/** Every seq at or below it has been emitted or given up. */
	private long cursor;
	/** Emitted seqs above the cursor, with the time (ms) each was first seen. */
	private final TreeMap<Long, Long> above = new TreeMap<>();

	EventTail(long after, Duration lateCommit) {
		this.cursor = after;
		this.lateCommitMillis = lateCommit.toMillis();
	}

	/** Where the next poll starts (exclusive). */
	synchronized long cursor() {
		return cursor;
	}

	/** How many rows above a gap are remembered (for tests). */
	synchronized int remembered() {
		return above.size();
	}

	/**
	 * Takes one poll's page (rows with seq above {@link #cursor()}, in seq order) seen at
	 * {@code nowMillis}; returns the events not emitted before, in seq order.
	 */
	synchronized List<Event> accept(List<SeqEvent> page, long nowMillis) {
		List<Event> out = new ArrayList<>(page.size());
		for (SeqEvent r : page) {
			if (r.seq() > cursor && !above.containsKey(r.seq())) {
				above.put(r.seq(), nowMillis);
				out.add(r.event());
			}
		}
		advance(nowMillis);
		return out;
	}

	private void advance(long nowMillis) {
		while (!above.isEmpty()) {
			Map.Entry<Long, Long> lowest = above.firstEntry();
			if (lowest.getKey() == cursor + 1 || nowMillis - lowest.getValue() >= lateCommitMillis) {
				cursor = lowest.getKey(); // contiguous, or the gap below it is given up
				above.pollFirstEntry();
			}
			else {
				return;
			}
		}
	}
}
