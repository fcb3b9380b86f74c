package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Proves BlockHound is installed in this module's tests, so their silence means something. */
class BlockHoundActiveTest {

	@Test
	void blockingOnAReactorThreadIsReported() {
		assertThatThrownBy(() -> Mono.fromCallable(() -> {
			Thread.sleep(1);
			return 1;
		}).subscribeOn(Schedulers.parallel()).block())
				.hasMessageContaining("Blocking call");
	}

	@Test
	void statusReportsFromAReactorThreadDoNotBlock() {
		Mono.fromRunnable(() -> dev.sluice.pipeline.sink.StatusLogger.stderr().warn("test", "reported from a Reactor thread"))
				.subscribeOn(Schedulers.parallel()).block();
		dev.sluice.pipeline.sink.StatusLogger.flushStderr(1_000);
	}
}
