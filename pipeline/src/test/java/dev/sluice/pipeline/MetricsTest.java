package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sluice.testkit.BlockingSink;
import dev.sluice.testkit.RecordingSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class MetricsTest {

	@Test
	void perSinkMetersAreRegisteredInTheUsersRegistry() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		RecordingSink rec = new RecordingSink();
		BlockingSink stuck = new BlockingSink();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).meterRegistry(registry)
				.plan(RoutingPlan.builder()
						.handler(HandlerSpec.ofSink("rec", rec))
						.handler(HandlerSpec.ofSink("stuck", stuck).withBuffer(BufferSpec.DEFAULT.withCapacity(16).withMaxBatch(1)))
						.root(LoggerSpec.of(Level.INFO, "rec", "stuck")).build())
				.build();
		Logger log = sluice.logger("m");
		log.info("first");
		stuck.awaitStuck();
		for (int i = 0; i < 99; i++) {
			log.info("r{}", i);
		}
		PipelineTestSupport.awaitReceived(sluice, 100, "rec", "stuck");
		assertThat(rec.awaitCount(100, 30)).isTrue();

		assertThat(registry.get("sluice.sink.records.received").tag("sink", "stuck").functionCounter().count()).isEqualTo(100);
		assertThat(registry.get("sluice.sink.records.dropped").tag("sink", "stuck").tag("reason", "buffer_full")
				.functionCounter().count()).isEqualTo(100 - 1 - 16);
		assertThat(registry.get("sluice.sink.buffer.depth").tag("sink", "stuck").gauge().value()).isEqualTo(16);
		assertThat(registry.get("sluice.ingress.depth").gauge()).isNotNull();

		stuck.release();
		sluice.shutdown(Duration.ofSeconds(30)).block();
		assertThat(registry.get("sluice.sink.records.delivered").tag("sink", "rec").functionCounter().count()).isEqualTo(100);
		assertThat(registry.get("sluice.sink.records.delivered").tag("sink", "stuck").functionCounter().count()).isEqualTo(17);
		assertThat(registry.get("sluice.sink.delivery.latency").tag("sink", "rec").timer().count()).isPositive();
		assertThat(registry.get("sluice.ingress.records.accepted").functionCounter().count()).isEqualTo(100);
	}

	@Test
	void theBufferDepthGaugeFollowsTheSinkAReloadMade() throws Exception {
		// a reload that remakes a sink used to leave the gauge on the first runner's buffer (the
		// registry refused the new runner's gauge as a duplicate, and said so in the user's log)
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		BlockingSink stuck = new BlockingSink();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).meterRegistry(registry)
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("sink", new RecordingSink()))
						.root(LoggerSpec.of(Level.INFO, "sink")).build())
				.build();
		sluice.apply(RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("sink", stuck).withBuffer(BufferSpec.DEFAULT.withCapacity(16).withMaxBatch(1)))
				.root(LoggerSpec.of(Level.INFO, "sink")).build()).block(Duration.ofSeconds(30));
		Logger log = sluice.logger("m");
		log.info("first");
		stuck.awaitStuck();
		for (int i = 0; i < 99; i++) {
			log.info("r{}", i);
		}
		PipelineTestSupport.awaitReceived(sluice, 100, "sink");

		assertThat(registry.find("sluice.sink.buffer.depth").tag("sink", "sink").gauges()).hasSize(1);
		assertThat(registry.get("sluice.sink.buffer.depth").tag("sink", "sink").gauge().value()).isEqualTo(16);
		stuck.release();
		sluice.shutdown(Duration.ofSeconds(30)).block();
	}
}
