package dev.sluice.pipeline.sink;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
	// Marking is rare and may come from a sink's I/O threads: plain fields under this object's
	// monitor, the map and the urgency signal made on first use, so that a batch costs one object
	// and its list on the common path (issue 16: no per-batch atomics or maps that are not needed).
	private int dropped;
	private int retried;
	private int fallback;
	private Map<String, Integer> droppedByReason;
	private Sinks.Empty<Void> urgency;
	private volatile boolean urgent;

	/**
	 * A batch of {@code records}; made by the runner (and by tests that drive a sink directly).
	 *
	 * @param records the batch's records, in routing order
	 */
	public Batch(List<LogRecord> records) {
		this.records = Collections.unmodifiableList(records);
	}

	/** {@return the records, in routing order (unmodifiable)} */
	public List<LogRecord> records() {
		return records;
	}

	/** {@return the number of records in the batch} */
	public int size() {
		return records.size();
	}

	/**
	 * Marks {@code count} records of this batch as dropped for {@code reason}.
	 *
	 * @param count how many records, at most those not settled yet
	 * @param reason why, in the snake_case form of the drop reasons ({@code sink_error}, {@code too_large},
	 *     ...)
	 * @throws IllegalStateException if more records are marked than the batch holds
	 */
	public synchronized void dropped(int count, String reason) {
		if (count <= 0) {
			return;
		}
		int total = dropped + count + fallback;
		if (total > records.size()) {
			throw new IllegalStateException("sink marked " + total + " records dropped in a batch of " + records.size());
		}
		dropped += count;
		if (droppedByReason == null) {
			droppedByReason = new HashMap<>(4);
		}
		droppedByReason.merge(reason, count, Integer::sum);
	}

	/**
	 * Marks {@code count} records as handed to the sink's fallback handler: not delivered here,
	 * not lost either (the fallback accounts for them), so they are counted apart from drops.
	 *
	 * @param count how many records, at most those not settled yet
	 * @throws IllegalStateException if more records are marked than the batch holds
	 */
	public synchronized void handedToFallback(int count) {
		if (count <= 0) {
			return;
		}
		int total = dropped + fallback + count;
		if (total > records.size()) {
			throw new IllegalStateException("sink marked " + total + " records settled in a batch of " + records.size());
		}
		fallback += count;
	}

	/** {@return how many records were handed to the fallback} */
	public synchronized int fallbackCount() {
		return fallback;
	}

	/**
	 * Records that {@code count} records were sent again (for metrics).
	 *
	 * @param count how many records were tried again
	 */
	public synchronized void retried(int count) {
		retried += count;
	}

	/** {@return how many records were marked dropped} */
	public synchronized int droppedCount() {
		return dropped;
	}

	/** {@return how many records were retried} */
	public synchronized int retriedCount() {
		return retried;
	}

	/** {@return the dropped counts by reason (a snapshot)} */
	public synchronized Map<String, Integer> droppedByReason() {
		return droppedByReason == null ? Map.of() : Map.copyOf(droppedByReason);
	}

	/**
	 * Marks this batch urgent: something waits for it to be settled. Any thread, idempotent, never
	 * blocks; {@link #urgent()} completes on the calling thread.
	 */
	public void markUrgent() {
		Sinks.Empty<Void> signal;
		synchronized (this) {
			if (urgent) {
				return;
			}
			urgent = true;
			signal = urgency;
		}
		if (signal != null) {
			signal.tryEmitEmpty();
		}
	}

	/** {@return whether the batch was marked urgent (see the class comment)} */
	public boolean isUrgent() {
		return urgent;
	}

	/** {@return a {@code Mono} that completes (never errors) once the batch is marked urgent; at once if it already is} */
	public Mono<Void> urgent() {
		synchronized (this) {
			if (urgent) {
				return Mono.empty();
			}
			if (urgency == null) {
				urgency = Sinks.empty();
			}
			return urgency.asMono();
		}
	}
}
