package dev.sluice.events;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} record ids the events sink stored: a bounded window for skipping
 * redelivered records (at-least-once shipping from Kafka delivers a record again after a shipper
 * crash). Memory is bounded by the capacity; the oldest id leaves first. Thread-safe
 * (synchronized; the sink's runner is its only user, one batch at a time).
 */
final class RecentIds {

	private final int capacity;
	private final LinkedHashMap<String, Boolean> ids;

	RecentIds(int capacity) {
		if (capacity < 0) {
			throw new IllegalArgumentException("capacity must be 0 or more, was " + capacity);
		}
		this.capacity = capacity;
		this.ids = new LinkedHashMap<>(Math.min(capacity, 1024) * 2, 0.75f, false) {
			private static final long serialVersionUID = 1L;

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > RecentIds.this.capacity;
			}
		};
	}

	synchronized boolean contains(String id) {
		return ids.containsKey(id);
	}

	/** Remembers {@code stored} (in order), forgetting the oldest beyond the capacity. */
	synchronized void addAll(Collection<String> stored) {
		if (capacity == 0) {
			return;
		}
		for (String id : stored) {
			ids.remove(id); // re-inserted: now the newest
			ids.put(id, Boolean.TRUE);
		}
	}

	synchronized int size() {
		return ids.size();
	}

	int capacity() {
		return capacity;
	}
}
