package dev.sluice.pipeline.sink;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.pipeline.LogRecord;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A batch of records handed to one {@link Sink#write}, in routing order, together with the
 * accounting of what the sink could not deliver.
 *
 * <p>A sink marks the records it gives up on with {@link #dropped(int, String)} (a reason such as
 * {@code rejected_too_old}) and those it hands to its fallback with {@link #handedToFallback};
 * the rest are counted as delivered when the write completes. Marking
 * is thread-safe, so an asynchronous sink may mark from its I/O threads.
 *
 * <p>Urgency: the pipeline {@link #markUrgent() marks} a batch urgent when something waits for it
 * to be settled (a {@code Sluice.flush()} barrier, a shutdown draining the sink), before or while
 * it is written. A sink that delays the end of a write on purpose (to group records across
 * writes) ends that delay when {@link #urgent()} completes and starts none for an urgent batch;
 * other sinks ignore it.
 */
public final class Batch {

	private final List<LogRecord> records;
	private final AtomicInteger dropped = new AtomicInteger();
	private final AtomicInteger retried = new AtomicInteger();
	private final AtomicInteger fallback = new AtomicInteger();
	private final Map<String, Integer> droppedByReason = new ConcurrentHashMap<>();
	private final Sinks.Empty<Void> urgency = Sinks.empty();
	private final AtomicBoolean urgent = new AtomicBoolean();

	public Batch(List<LogRecord> records) {
		this.records = Collections.unmodifiableList(records);
	}

	/** The records, in routing order (unmodifiable). */
	public List<LogRecord> records() {
		return records;
	}

	public int size() {
		return records.size();
	}

	/**
	 * Marks {@code count} records of this batch as dropped for {@code reason}.
	 *
	 * @throws IllegalStateException if more records are marked than the batch holds
	 */
	public void dropped(int count, String reason) {
		if (count <= 0) {
			return;
		}
		int total = dropped.addAndGet(count) + fallback.get();
		if (total > records.size()) {
			dropped.addAndGet(-count);
			throw new IllegalStateException("sink marked " + total + " records dropped in a batch of " + records.size());
		}
		droppedByReason.merge(reason, count, Integer::sum);
	}

	/**
	 * Marks {@code count} records as handed to the sink's fallback handler: not delivered here,
	 * not lost either (the fallback accounts for them), so they are counted apart from drops.
	 *
	 * @throws IllegalStateException if more records are marked than the batch holds
	 */
	public void handedToFallback(int count) {
		if (count <= 0) {
			return;
		}
		int total = dropped.get() + fallback.addAndGet(count);
		if (total > records.size()) {
			fallback.addAndGet(-count);
			throw new IllegalStateException("sink marked " + total + " records settled in a batch of " + records.size());
		}
	}

	/** How many records were handed to the fallback. */
	public int fallbackCount() {
		return fallback.get();
	}

	/** Records that {@code count} records were sent again (for metrics). */
	public void retried(int count) {
		retried.addAndGet(count);
	}

	/** How many records were marked dropped. */
	public int droppedCount() {
		return dropped.get();
	}

	/** How many records were retried. */
	public int retriedCount() {
		return retried.get();
	}

	/** The dropped counts by reason (a snapshot). */
	public Map<String, Integer> droppedByReason() {
		return Map.copyOf(droppedByReason);
	}

	/**
	 * Marks this batch urgent: something waits for it to be settled. Any thread, idempotent, never
	 * blocks; {@link #urgent()} completes on the calling thread.
	 */
	public void markUrgent() {
		if (urgent.compareAndSet(false, true)) {
			urgency.tryEmitEmpty();
		}
	}

	/** Whether the batch was marked urgent (see the class comment). */
	public boolean isUrgent() {
		return urgent.get();
	}

	/** Completes (never errors) once the batch is marked urgent; at once if it already is. */
	public Mono<Void> urgent() {
		return urgency.asMono();
	}
}
