package dev.sluice.pipeline;

import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.testkit.BlockHoundCheck;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class BlockHoundActiveTest extends BlockHoundCheck {

	@Test
	void statusReportsFromAReactorThreadDoNotBlock() {
		Mono.fromRunnable(() -> StatusLogger.stderr().warn("test", "reported from a Reactor thread"))
				.subscribeOn(Schedulers.parallel()).block();
		StatusLogger.flushStderr(1_000);
	}
}
