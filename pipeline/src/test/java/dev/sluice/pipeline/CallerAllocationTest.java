package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sluice.testkit.BlockingSink;
import dev.sluice.testkit.RecordingSink;

/**
 * What the caller's thread allocates per log call, counted exactly by the JVM (not timed). The
 * bounds hold even in the interpreter, without escape analysis: a disabled call allocates
 * nothing; an enabled one with two arguments allocates the record and nothing else (64 bytes,
 * arguments inline, no varargs array, the system clock read as epoch nanoseconds without an
 * {@code Instant}); a call dropped because the ingress is full allocates nothing either.
 */
class CallerAllocationTest {

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
				.getThreadAllocatedBytes(Thread.currentThread().getId());
	}

	@Test
	void disabledCallsAllocateNothingAndEnabledCallsOnlyTheRecord() {
		RecordingSink sink = new RecordingSink();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).ingressCapacity(1 << 18)
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("rec", sink)
						.withBuffer(BufferSpec.DEFAULT.withCapacity(1 << 18)))
						.root(LoggerSpec.of(Level.INFO, "rec")).build())
				.build();
		Logger log = sluice.logger("alloc");
		Object a = "bucket";
		Object b = 2;
		int calls = 100_000;
		for (int i = 0; i < calls; i++) {
			log.debug("warm {} {}", a, b);
			log.info("warm {} {}", a, b);
		}

		long before = allocatedBytes();
		for (int i = 0; i < calls; i++) {
			log.debug("syncOnProviderEvent: {} {} attempts left", a, b);
		}
		long disabled = allocatedBytes() - before;

		before = allocatedBytes();
		for (int i = 0; i < calls; i++) {
			log.info("syncOnProviderEvent: {} {} attempts left", a, b);
		}
		long enabled = allocatedBytes() - before;
		sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));

		assertThat(disabled / (double) calls).as("bytes per disabled call").isLessThan(1.0);
		// one LogRecord (64 bytes with compressed oops), plus a few hundred bytes once over the loop
		// (the thread-local entry of the thread tag); an Instant per call would make it 88
		assertThat(enabled / (double) calls).as("bytes per enabled call").isLessThanOrEqualTo(64.1);
		assertThat(sink.size()).isEqualTo(2 * calls);
	}

	@Test
	void callsDroppedAtAFullIngressAllocateNothingAndAreCounted() throws Exception {
		BlockingSink stuck = new BlockingSink();
		// the stuck sink's small buffer blocks the router (policy block), so the ingress fills up
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).ingressCapacity(1_024)
				.ingressFullPolicy(IngressFullPolicy.drop())
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("stuck", stuck)
						.withBuffer(BufferSpec.DEFAULT.withCapacity(16).withMaxBatch(1)
								.withPolicy(OverflowPolicy.BLOCK).withBlockTimeout(Duration.ofMinutes(10))))
						.root(LoggerSpec.of(Level.INFO, "stuck")).build())
				.build();
		Logger log = sluice.logger("alloc");
		Object a = "bucket";
		Object b = 2;
		long made = 0;
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (sluice.ingressDropped().getOrDefault(DropReasons.INGRESS_FULL, 0L) == 0) {
			log.info("fill {} {}", a, b);
			made++;
			assertThat(System.nanoTime()).as("ingress full within 60 s").isLessThan(deadline);
		}
		int calls = 100_000;
		for (int i = 0; i < calls; i++) {
			log.info("warm {} {}", a, b);
		}
		long droppedBefore = sluice.ingressDropped().get(DropReasons.INGRESS_FULL);

		long before = allocatedBytes();
		for (int i = 0; i < calls; i++) {
			log.info("syncOnProviderEvent: {} {} attempts left", a, b);
		}
		long allocated = allocatedBytes() - before;
		long droppedNow = sluice.ingressDropped().get(DropReasons.INGRESS_FULL) - droppedBefore;

		stuck.release();
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
		assertThat(droppedNow).as("every call while the router is blocked is dropped").isEqualTo(calls);
		assertThat(allocated / (double) calls).as("bytes per dropped call").isLessThan(1.0);
		long total = made + 2L * calls;
		assertThat(report.sink("stuck").delivered() + report.ingressDropped().get(DropReasons.INGRESS_FULL))
				.as("every call delivered or counted").isEqualTo(total);
	}
}
