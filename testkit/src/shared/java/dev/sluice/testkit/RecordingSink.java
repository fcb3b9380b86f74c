package dev.sluice.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import reactor.core.publisher.Mono;

/** Keeps every record it is given, in order; lets a test wait for a count. Thread-safe. */
public final class RecordingSink implements Sink {

	private final List<LogRecord> records = new ArrayList<>();
	private final AtomicInteger batches = new AtomicInteger();
	private final AtomicBoolean closed = new AtomicBoolean();

	@Override
	public Mono<Void> write(Batch batch) {
		batches.incrementAndGet(); // first: a test that saw the records sees their batch counted
		synchronized (records) {
			records.addAll(batch.records());
			records.notifyAll();
		}
		return Mono.empty();
	}

	@Override
	public Mono<Void> close() {
		closed.set(true);
		return Mono.empty();
	}

	public List<LogRecord> records() {
		synchronized (records) {
			return new ArrayList<>(records);
		}
	}

	public int size() {
		synchronized (records) {
			return records.size();
		}
	}

	public int batches() {
		return batches.get();
	}

	public boolean closed() {
		return closed.get();
	}

	/** Waits until at least {@code n} records arrived; false if {@code seconds} passed first. */
	public boolean awaitCount(int n, long seconds) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		synchronized (records) {
			while (records.size() < n) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(records, left);
			}
			return true;
		}
	}

}
