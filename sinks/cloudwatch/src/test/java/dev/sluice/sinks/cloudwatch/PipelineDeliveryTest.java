package dev.sluice.sinks.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.testkit.RecordingSink;
import dev.sluice.testkit.CloudWatchLogsStandIn;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/** The sink inside a running pipeline: shutdown drains it, and a dead service falls back. */
class PipelineDeliveryTest {

	private final CloudWatchLogsStandIn standIn = CloudWatchLogsStandIn.start();
	private final ByteArrayOutputStream status = new ByteArrayOutputStream();
	private final Sluice sluice = Sluice.builder().shutdownHook(false)
			.status(StatusLogger.to(new PrintStream(status, true, StandardCharsets.UTF_8)))
			.plan(RoutingPlan.builder().root(LoggerSpec.of(Level.INFO)).build()).build();

	@AfterEach
	void stop() {
		sluice.close();
		standIn.close();
	}

	private CloudWatchSink sink(SinkEnvironment env, SinkFixture fx) {
		SinkSpec spec = new SinkSpec("cloudwatch", "cloudwatch", new SinkOptions("/handlers/cloudwatch", fx.options),
				SinkFixture.messageOnly(), env);
		return new CloudWatchSink(spec, CloudWatchConfig.read(spec), SinkFixture.client(standIn.endpoint()), true,
				Schedulers.parallel(), Schedulers.boundedElastic(), Clock.systemUTC());
	}

	@Test
	void shutdownDeliversEverythingBuffered() {
		SinkFixture fx = new SinkFixture(Clock.systemUTC()).option("send_interval", "1s");
		sluice.apply(RoutingPlan.builder()
				.handler(HandlerSpec.of("cloudwatch", () -> sink(sluice.environment(), fx)))
				.root(LoggerSpec.of(Level.INFO, "cloudwatch")).build()).block(Duration.ofSeconds(30));
		for (int i = 0; i < 5_000; i++) {
			sluice.logger("transactional").info("Organization was successfully added {}", i);
		}

		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block();

		SinkReport s = report.sink("cloudwatch");
		assertThat(s.delivered()).isEqualTo(5_000);
		assertThat(s.dropped()).isZero();
		assertThat(report.deadlineReached()).isFalse();
		assertThat(standIn.messages(SinkFixture.GROUP, "app")).hasSize(5_000)
				.startsWith("Organization was successfully added 0");
		assertThat(standIn.violations()).isEmpty();
	}

	@Tag("fault-injection")
	@Test
	void whenTheServiceIsDownTheRecordsGoToTheFallbackHandler() {
		standIn.goDown();
		RecordingSink file = new RecordingSink();
		SinkFixture fx = new SinkFixture(Clock.systemUTC()).option("fallback", "file")
				.option("retry_min_backoff", "1ms").option("retry_max_backoff", "5ms").option("breaker_failures", 2)
				.option("max_batch_count", 100);
		sluice.apply(RoutingPlan.builder()
				.handler(HandlerSpec.of("cloudwatch", () -> sink(sluice.environment(), fx)))
				.handler(HandlerSpec.ofSink("file", file).withLevel(Level.CRITICAL))
				.root(LoggerSpec.of(Level.INFO, "cloudwatch")).build()).block(Duration.ofSeconds(30));
		for (int i = 0; i < 1_000; i++) {
			sluice.logger("transactional").info("event {}", i);
		}

		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block();

		assertThat(report.sink("cloudwatch").fallback()).isEqualTo(1_000);
		assertThat(report.sink("cloudwatch").dropped()).isZero();
		assertThat(report.sink("file").delivered()).isEqualTo(1_000);
		assertThat(file.size()).isEqualTo(1_000);
		assertThat(status.toString(StandardCharsets.UTF_8)).contains("circuit breaker open");
	}

	@Tag("fault-injection")
	@Test
	void whatTheDeadlineCutsShortIsCountedNotLost() {
		standIn.goDown();
		SinkFixture fx = new SinkFixture(Clock.systemUTC()).option("retry_min_backoff", "50ms")
				.option("retry_max_backoff", "100ms");
		sluice.apply(RoutingPlan.builder()
				.handler(HandlerSpec.of("cloudwatch", () -> sink(sluice.environment(), fx)))
				.root(LoggerSpec.of(Level.INFO, "cloudwatch")).build()).block(Duration.ofSeconds(30));
		for (int i = 0; i < 300; i++) {
			sluice.logger("transactional").info("event {}", i);
		}

		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(2)).block();

		SinkReport s = report.sink("cloudwatch");
		assertThat(report.deadlineReached()).isTrue();
		assertThat(s.delivered()).isZero();
		assertThat(s.received()).isEqualTo(300);
		assertThat(s.droppedByReason()).containsEntry("shutdown_deadline", 300L);
		standIn.comeUp();
	}
}
