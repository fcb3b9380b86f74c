package dev.sluice.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Records every blocking call BlockHound reports (and still throws, as BlockHound does), so that
 * a test can assert none happened even where the error is swallowed (a Netty event loop logs it
 * and goes on). Installed by blockhound-junit-platform through {@code META-INF/services}.
 */
public final class BlockingCalls implements BlockHoundIntegration {

	static final List<String> REPORTED = new CopyOnWriteArrayList<>();

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// False positive, Netty internals: Netty 4.2's adaptive buffer allocator, when it grows its
		// set of magazines under contention, frees the old magazine under a StampedLock held only
		// while buffers are moved between in-memory lists (no I/O, no waiting on other work).
		// BlockHound sees the lock's park; the allow-list is this one method, not the allocator.
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
				"tryExpandMagazines");
		builder.blockingMethodCallback(method -> {
			REPORTED.add(method + " on " + Thread.currentThread().getName());
			throw new BlockingOperationError(method);
		});
	}

	@Override
	public int compareTo(BlockHoundIntegration o) {
		return 1; // after the built-in integrations: ours sets the callback last
	}
}
