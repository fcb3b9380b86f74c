package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.testing.RecordingSink;

/**
 * What the caller's thread allocates per log call, counted exactly by the JVM (not timed). The
 * bounds hold even in the interpreter, without escape analysis: a disabled call allocates
 * nothing; an enabled one with two arguments allocates the record (64 bytes, arguments inline, no
 * varargs array) and the clock's instant (unless escape analysis removes it).
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
		sluice.shutdown(Duration.ofSeconds(30)).block();

		assertThat(disabled / (double) calls).as("bytes per disabled call").isLessThan(1.0);
		// LogRecord (64 bytes with compressed oops) + Instant (24, unless escape analysis removes it), plus
		// a few hundred bytes once over the loop (the thread-local entry of the thread tag)
		assertThat(enabled / (double) calls).as("bytes per enabled call").isLessThan(89.0);
		assertThat(sink.size()).isEqualTo(2 * calls);
	}
}
