package dev.sluice.testkit;

import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import reactor.core.publisher.Mono;

/** A sink whose every write fails, by throwing or by an error signal. Thread-safe. */
public final class FailingSink implements Sink {

	private final boolean throwDirectly;
	private final AtomicInteger attempts = new AtomicInteger();

	public FailingSink(boolean throwDirectly) {
		this.throwDirectly = throwDirectly;
	}

	@Override
	public Mono<Void> write(Batch batch) {
		attempts.incrementAndGet();
		IllegalStateException e = new IllegalStateException("service unavailable (test)");
		if (throwDirectly) {
			throw e;
		}
		return Mono.error(e);
	}

	public int attempts() {
		return attempts.get();
	}
}
