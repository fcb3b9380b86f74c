package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sluice.testkit.BlockingSink;
import dev.sluice.testkit.RecordingSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code Sluice.builder().callerWait(max)}: callers that may block wait for room; Reactor's non-blocking threads never do. */
class CallerWaitTest {

	private static final BufferSpec BLOCKING = BufferSpec.DEFAULT.withCapacity(16).withMaxBatch(1)
			.withPolicy(OverflowPolicy.BLOCK).withBlockTimeout(Duration.ofMinutes(10));

	@Test
	void aFloodThroughATinyIngressIsDeliveredWhole() {
		RecordingSink sink = new RecordingSink();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).ingressCapacity(16)
				.callerWait(Duration.ofMinutes(10))
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("rec", sink).withBuffer(BLOCKING))
						.root(LoggerSpec.of(Level.INFO, "rec")).build())
				.build();
		Logger log = sluice.logger("flood");
		int calls = 20_000;
		for (int i = 0; i < calls; i++) {
			log.info("record {}", i);
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
		assertThat(report.ingressDropped()).isEmpty();
		assertThat(report.sink("rec").delivered()).isEqualTo(calls);
		assertThat(sink.records().get(calls - 1).message()).isEqualTo("record " + (calls - 1));
	}

	@Test
	void aNonBlockingThreadNeverWaitsWhileAPlainThreadWaitsForRoom() throws Exception {
		BlockingSink stuck = new BlockingSink();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).ingressCapacity(64)
				.callerWait(Duration.ofMinutes(10))
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("stuck", stuck).withBuffer(BLOCKING))
						.root(LoggerSpec.of(Level.INFO, "stuck")).build())
				.build();
		Logger log = sluice.logger("wait");
		// On a parallel (non-blocking) thread: log until the router is stuck for good (the sink holds one record
		// in its write, 16 in its buffer, and the router waits to place the 18th), then until the ingress is
		// full (a drop), then 1,000 calls that drop at once instead of waiting.
		long[] made = new long[1];
		long[] droppedBefore = new long[1];
		Mono.fromRunnable(() -> {
			long deadline = System.nanoTime() + 60_000_000_000L;
			while (sluice.reports().get("stuck").received() < 18 && System.nanoTime() < deadline) {
				log.info("fill");
				made[0]++;
			}
			droppedBefore[0] = sluice.ingressDropped().getOrDefault(DropReasons.INGRESS_FULL, 0L);
			while (sluice.ingressDropped().getOrDefault(DropReasons.INGRESS_FULL, 0L) == droppedBefore[0]
					&& System.nanoTime() < deadline) {
				log.info("fill");
				made[0]++;
			}
			for (int i = 0; i < 1_000; i++) {
				log.info("dropped {}", i);
			}
		}).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(90));
		long droppedOnParallel = sluice.ingressDropped().get(DropReasons.INGRESS_FULL);
		assertThat(droppedOnParallel - droppedBefore[0]).as("the first drop and the 1,000 after it").isEqualTo(1_001);

		// a plain thread waits (parks) for room instead of dropping
		Thread waiter = new Thread(() -> log.info("waited"), "waiter");
		waiter.start();
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (waiter.getState() != Thread.State.TIMED_WAITING && waiter.isAlive()) {
			assertThat(System.nanoTime()).as("waiter parks within 60 s").isLessThan(deadline);
			Thread.onSpinWait();
		}
		assertThat(waiter.isAlive()).as("the call waits while the ingress is full").isTrue();
		stuck.release();
		waiter.join(60_000);
		assertThat(waiter.isAlive()).isFalse();

		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
		assertThat(report.ingressDropped()).containsOnly(java.util.Map.entry(DropReasons.INGRESS_FULL, droppedOnParallel));
		assertThat(report.sink("stuck").delivered()).isEqualTo(made[0] + 1_000 + 1 - droppedOnParallel);
	}

	@Test
	void aNegativeWaitIsRejected() {
		assertThatThrownBy(() -> Sluice.builder().callerWait(Duration.ofMillis(-1)))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callerWait");
	}
}
