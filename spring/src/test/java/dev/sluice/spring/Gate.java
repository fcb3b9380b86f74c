package dev.sluice.spring;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Holds requests until a given number of them are inside the handler at once, so that a test
 * proves its requests were concurrent rather than assuming it. Unarmed, it lets everyone through.
 * Non-blocking: a held request is a pending Mono, not a parked thread.
 */
final class Gate {

	private final AtomicReference<Sinks.Empty<Void>> open = new AtomicReference<>();
	private final AtomicInteger arrived = new AtomicInteger();
	private volatile int parties;

	/** The next {@code n} arrivals wait for each other. */
	void arm(int n) {
		arrived.set(0);
		parties = n;
		open.set(Sinks.empty());
	}

	/** Completes when all armed parties have arrived; fails after {@code patience}. */
	Mono<Void> arrive(Duration patience) {
		Sinks.Empty<Void> sink = open.get();
		if (sink == null) {
			return Mono.empty();
		}
		if (arrived.incrementAndGet() == parties) {
			open.set(null);
			sink.tryEmitEmpty();
		}
		return sink.asMono().timeout(patience,
				Mono.error(() -> new IllegalStateException("only " + arrived.get() + " of " + parties + " arrived")));
	}

	/** How many arrived since the last {@link #arm}. */
	int arrived() {
		return arrived.get();
	}
}
