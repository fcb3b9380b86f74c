package dev.sluice.testkit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import reactor.core.publisher.Mono;

/**
 * A sink stuck on a latch the test holds: its first write blocks (on the sink's own runner
 * thread) until {@link #release()}. Counts what it was given. Thread-safe.
 */
public final class BlockingSink implements Sink {

	private final CountDownLatch gate = new CountDownLatch(1);
	private final CountDownLatch entered = new CountDownLatch(1);
	private final AtomicInteger written = new AtomicInteger();

	@Override
	public Mono<Void> write(Batch batch) {
		entered.countDown();
		try {
			gate.await();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Mono.error(e);
		}
		written.addAndGet(batch.size());
		return Mono.empty();
	}

	/** Waits until the sink is stuck inside its first write. */
	public void awaitStuck() throws InterruptedException {
		entered.await();
	}

	public void release() {
		gate.countDown();
	}

	public int written() {
		return written.get();
	}
}
