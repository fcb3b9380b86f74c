package dev.sluice.sinks.file;

import java.util.HashSet;
import java.util.Set;

/**
 * The ids of the last {@code capacity} records a sink wrote: a ring of ids plus a set for
 * look-ups, so memory stays bounded whatever the stream's length. When the ring is full, adding
 * an id forgets the oldest one.
 *
 * <p>Not thread-safe: one instance per sink, used on the sink's runner thread only. The arrays are
 * allocated by the first {@link #add}, so a sink whose records carry no id pays nothing.
 */
final class RecentIds {

	private final int capacity;
	private String[] ring;
	private Set<String> ids;
	/** Where the next id goes in {@link #ring}. */
	private int next;
	private int size;

	/** @param capacity how many ids are remembered; 0 remembers none */
	RecentIds(int capacity) {
		if (capacity < 0) {
			throw new IllegalArgumentException("capacity < 0: " + capacity);
		}
		this.capacity = capacity;
	}

	/** Whether {@code id} is among the last {@code capacity} ids added. */
	boolean contains(String id) {
		return ids != null && ids.contains(id);
	}

	/** Remembers {@code id} (which must not be remembered already), forgetting the oldest if full. */
	void add(String id) {
		if (capacity == 0) {
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

	int size() {
		return size;
	}

	int capacity() {
		return capacity;
	}
}
