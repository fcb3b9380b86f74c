package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.sluice.testkit.RecordingSink;

/**
 * A plan applied while the router still holds records logged before it: those records follow the
 * running plan, the ones logged after the switch the new one (a reload's records do not depend on
 * how far behind the router is). The router is held in a logger filter, so that the switch is
 * queued while the records logged before it wait.
 */
class ApplyOrderTest {

	@Test
	void recordsLoggedBeforeApplyFollowTheRunningPlan() throws Exception {
		RecordingSink a = new RecordingSink();
		RecordingSink b = new RecordingSink();
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		RecordFilter hold = r -> {
			if (r.message().equals("hold")) {
				held.countDown();
				try {
					release.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			return true;
		};
		Sluice sluice = Sluice.builder().shutdownHook(false).plan(RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("a", a)).root(LoggerSpec.of(Level.INFO, "a"))
				// a logger's filters see the records of that logger (Python's rule), on the router's thread
				.logger("app", LoggerSpec.of(Level.INFO).withFilters(List.of(hold))).build()).build();
		try {
			Logger log = sluice.logger("app");
			log.info("hold");
			assertThat(held.await(60, TimeUnit.SECONDS)).isTrue(); // the router is in the filter
			for (int i = 0; i < 100; i++) {
				log.info("before {}", i);
			}
			CompletableFuture<Void> applied = sluice.apply(RoutingPlan.builder().handler(HandlerSpec.ofSink("b", b))
					.root(LoggerSpec.of(Level.DEBUG, "b")).build()).toFuture();
			// the loggers get the new plan's levels right after its switch is queued
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (!log.isEnabled(Level.DEBUG)) {
				assertThat(System.nanoTime()).as("the switch was queued").isLessThan(deadline);
				Thread.onSpinWait();
			}
			for (int i = 0; i < 50; i++) {
				log.info("after {}", i);
			}
			release.countDown();
			applied.get(60, TimeUnit.SECONDS);
		}
		finally {
			release.countDown();
			sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
		}
		assertThat(a.records()).hasSize(101).first().extracting(LogRecord::message).isEqualTo("hold");
		assertThat(a.records().get(100).message()).isEqualTo("before 99");
		assertThat(b.records()).hasSize(50).allMatch(r -> r.message().startsWith("after "));
	}
}
