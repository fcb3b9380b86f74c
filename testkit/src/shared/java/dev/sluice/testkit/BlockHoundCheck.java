package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Proves that BlockHound is installed in a module's tests, so that their silence means something. Extend it once
 * per test module ({@code class BlockHoundActiveTest extends BlockHoundCheck {}}) with
 * {@code io.projectreactor.tools:blockhound-junit-platform} on the test class path: the test fails when a blocking
 * call on a Reactor non-blocking thread goes unreported.
 */
public abstract class BlockHoundCheck {

	@Test
	void blockingOnAReactorThreadIsReported() {
		assertThatThrownBy(() -> Mono.fromCallable(() -> {
			Thread.sleep(1);
			return 1;
		}).subscribeOn(Schedulers.parallel()).block())
				.hasMessageContaining("Blocking call");
	}
}
