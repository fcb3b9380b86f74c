package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.sluice.testkit.BlockingSink;
import dev.sluice.testkit.FailingSink;
import dev.sluice.testkit.RecordingSink;

@Tag("fault-injection")
class StuckSinkIsolationTest {

	@Test
	void stuckSinkSlowsNeitherTheCallerNorAnotherSink() throws Exception {
		BlockingSink stuck = new BlockingSink();
		RecordingSink healthy = new RecordingSink();
		int capacity = 1_024;
		PipelineTestSupport.CapturedStatus status = new PipelineTestSupport.CapturedStatus();
		RoutingPlan plan = RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("stuck", stuck).withBuffer(BufferSpec.DEFAULT.withCapacity(capacity).withMaxBatch(1)))
				.handler(HandlerSpec.ofSink("healthy", healthy).withBuffer(BufferSpec.DEFAULT.withCapacity(1 << 17)))
				.root(LoggerSpec.of(Level.INFO, "stuck", "healthy"))
				.build();
		Sluice sluice = PipelineTestSupport.quiet(status).plan(plan).build();
		Logger log = sluice.logger("isolation");

		log.info("first");
		stuck.awaitStuck();
		for (int i = 1; i < 100_000; i++) {
			log.info("record {}", i);
		}
		// every call has returned while the stuck sink is still inside its first write
		assertThat(healthy.awaitCount(100_000, 60)).isTrue();
		assertThat(stuck.written()).isZero();
		SinkReport during = sluice.reports().get("stuck");
		assertThat(during.delivered()).isZero();
		assertThat(during.received()).isEqualTo(100_000);
		// one record is in the stuck write; the buffer holds what fits; the rest is counted
		long buffered = during.received() - 1 - during.dropped();
		assertThat(during.droppedByReason()).containsOnlyKeys(DropReasons.BUFFER_FULL);
		assertThat(buffered).isBetween((long) capacity - 1, (long) capacity * 2);

		stuck.release();
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block();
		SinkReport s = report.sink("stuck");
		assertThat(s.delivered() + s.dropped()).isEqualTo(100_000);
		assertThat(s.delivered()).isEqualTo(buffered + 1);
		assertThat(report.sink("healthy").delivered()).isEqualTo(100_000);
		assertThat(status.text()).contains("dropped").contains("buffer_full");
	}

	@Test
	void failingSinkIsCountedAndReportedOnceWhileOthersGoOn() throws Exception {
		FailingSink throwing = new FailingSink(true);
		FailingSink erroring = new FailingSink(false);
		RecordingSink healthy = new RecordingSink();
		PipelineTestSupport.CapturedStatus status = new PipelineTestSupport.CapturedStatus();
		RoutingPlan plan = RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("throwing", throwing))
				.handler(HandlerSpec.ofSink("erroring", erroring))
				.handler(HandlerSpec.ofSink("healthy", healthy))
				.root(LoggerSpec.of(Level.INFO, "throwing", "erroring", "healthy"))
				.build();
		Sluice sluice = PipelineTestSupport.quiet(status).plan(plan).build();
		for (int i = 0; i < 1_000; i++) {
			sluice.logger("x").info("r{}", i);
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block();
		assertThat(report.sink("healthy").delivered()).isEqualTo(1_000);
		assertThat(report.sink("throwing").droppedByReason()).containsEntry(DropReasons.SINK_ERROR, 1_000L);
		assertThat(report.sink("erroring").droppedByReason()).containsEntry(DropReasons.SINK_ERROR, 1_000L);
		assertThat(throwing.attempts()).isPositive();
		String text = status.text();
		assertThat(text.split("\\[sink throwing\\] write failed", -1)).hasSize(2);
		assertThat(text.split("\\[sink erroring\\] write failed", -1)).hasSize(2);
	}
}
