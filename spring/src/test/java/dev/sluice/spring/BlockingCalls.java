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
