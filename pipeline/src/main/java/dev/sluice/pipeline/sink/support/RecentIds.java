package dev.sluice.pipeline.sink.support;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The ids ({@link dev.sluice.pipeline.LogRecord#RECORD_ID}) of the last {@code capacity} records a sink stored, so
 * that it can skip a record delivered again (at least once, as from Kafka): a ring of ids plus a set for look-ups,
 * so memory stays bounded whatever the stream's length. When the ring is full, adding an id forgets the oldest one.
 * A sink remembers ids only once their records are stored, so that a batch that failed is not a duplicate when it
 * comes again.
 *
 * <p>Thread-safe (the methods are synchronized: a sink checks on its runner thread and may remember on the thread its
 * write completes on). The arrays are allocated by the first id remembered, so a sink whose records carry no id pays
 * nothing.
 */
public final class RecentIds {

	private final int capacity;
	private String[] ring;
	private Set<String> ids;
	/** Where the next id goes in {@link #ring}. */
	private int next;
	private int size;

	/**
	 * @param capacity how many ids are remembered; 0 remembers none
	 * @throws IllegalArgumentException when {@code capacity} is negative
	 */
	public RecentIds(int capacity) {
		if (capacity < 0) {
			throw new IllegalArgumentException("capacity must be 0 or more, was " + capacity);
		}
		this.capacity = capacity;
	}

	/**
	 * Whether {@code id} is among the last {@code capacity} ids remembered.
	 *
	 * @param id a record id
	 * @return {@code true} if {@code id} is among the last {@code capacity} ids remembered
	 */
	public synchronized boolean contains(String id) {
		return ids != null && ids.contains(id);
	}

	/**
	 * Remembers {@code id}, forgetting the oldest if full; an id remembered already is left where it is.
	 *
	 * @param id the id of a record just stored
	 */
	public synchronized void add(String id) {
		if (capacity == 0 || contains(id)) {
			return;
		}
		if (ring == null) {
			ring = new String[capacity];
			ids = new HashSet<>(Math.min(capacity, 1 << 16) * 2);
		}
		if (size == capacity) {
			ids.remove(ring[next]);
		}
		else {
			size++;
		}
		ring[next] = id;
		ids.add(id);
		next = next + 1 == capacity ? 0 : next + 1;
	}

	/**
	 * {@link #add}s each id, in order.
	 *
	 * @param stored ids of records just stored
	 */
	public synchronized void addAll(Collection<String> stored) {
		for (String id : stored) {
			add(id);
		}
	}

	/** {@return how many ids are remembered now} */
	public synchronized int size() {
		return size;
	}

	/** {@return how many ids are remembered at most} */
	public int capacity() {
		return capacity;
	}
}
