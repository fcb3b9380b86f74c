package dev.sluice.sinks.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.pipeline.sink.Batch;
import dev.sluice.testkit.CloudWatchLogsStandIn;
import dev.sluice.testkit.SchedulerClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Throttling, outages, permanent errors and resource creation, against the testkit's stand-in. */
class CloudWatchFaultsTest {

	private final Instant now = Instant.now();
	private final SinkFixture fx = new SinkFixture(Clock.systemUTC());
	private CloudWatchLogsStandIn standIn = CloudWatchLogsStandIn.start();

	@AfterEach
	void stop() {
		standIn.close();
	}

	private Batch ship(CloudWatchSink sink, int n) {
		Batch b = new Batch(SinkFixture.records(n, now, 1));
		sink.write(b).block(Duration.ofSeconds(60));
		return b;
	}

	@Tag("fault-injection")
	@Test
	void throttlingAnd503BurstsAndDroppedConnectionsLoseNothing() {
		fx.option("max_batch_count", 500).option("retry_min_backoff", "1ms").option("retry_max_backoff", "20ms")
				.option("breaker_failures", 100);
		standIn.throttleNext("PutLogEvents", 4).unavailableNext("PutLogEvents", 4).dropNext("PutLogEvents", 2)
				.throttleNext("PutLogEvents", 3);
		CloudWatchSink sink = fx.sink(standIn.endpoint());

		Batch b = ship(sink, 5_000);

		assertThat(b.droppedCount()).isZero();
		assertThat(standIn.pendingFaults()).isZero();
		assertThat(standIn.messages(SinkFixture.GROUP, "app")).hasSize(5_000).doesNotHaveDuplicates();
		assertThat(standIn.violations()).isEmpty();
		assertThat(fx.meters.find("sluice.delivery.retries").counter().count()).isEqualTo(13);
		assertThat(b.retriedCount()).isPositive();
	}

	@Tag("fault-injection")
	@Test
	void theServiceDownForThirtySecondsAndBackLosesNothing() throws Exception {
		VirtualTimeScheduler vts = VirtualTimeScheduler.create();
		Instant base = Instant.now();
		Clock virtual = SchedulerClock.of(vts, base);

		standIn.close();
		standIn = CloudWatchLogsStandIn.start(virtual);
		standIn.goDownUntil(base.plusSeconds(30));
		fx.option("max_batch_count", 100);
		AtomicInteger callsInFlight = new AtomicInteger();
		ExecutionInterceptor counting = new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				callsInFlight.incrementAndGet();
			}

			@Override
			public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
				callsInFlight.decrementAndGet();
			}

			@Override
			public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
				callsInFlight.decrementAndGet();
			}
		};
		CloudWatchSink sink = fx.sink(SinkFixture.client(standIn.endpoint(), counting), vts);
		Batch b = new Batch(SinkFixture.records(1_000, now, 1));

		CompletableFuture<Void> done = sink.write(b).toFuture();
		// virtual time moves only while no call is out: the engine is then waiting (backoff, breaker)
		while (!done.isDone()) {
			assertThat(vts.now(TimeUnit.SECONDS)).as("virtual seconds spent").isLessThan(300);
			if (callsInFlight.get() == 0) {
				vts.advanceTimeBy(Duration.ofSeconds(1));
			}
			try {
				done.get(5, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException notYet) {
				// advance again
			}
		}

		assertThat(vts.now(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(30);
		assertThat(b.droppedCount()).isZero();
		assertThat(standIn.messages(SinkFixture.GROUP, "app")).hasSize(1_000);
		assertThat(standIn.violations()).isEmpty();
		assertThat(fx.status()).contains("circuit breaker open");
		assertThat(sink.breakerState()).isEqualTo(dev.sluice.sinks.delivery.BreakerState.CLOSED);
		// the breaker kept the sink from hammering the dead service: a few probes, not a storm
		assertThat(standIn.calls("PutLogEvents") + standIn.calls("CreateLogGroup")).isLessThan(60);
	}

	@Test
	void theSinkCreatesItsGroupWithRetentionAndTagsAndItsStreams() {
		fx.option("log_group_retention_days", 30).option("log_group_tags", Map.of("team", "integrates"))
				.option("log_stream_name", "{logger_name}/{strftime:%Y-%m-%d}");
		Batch b = ship(fx.sink(standIn.endpoint()), 10);

		assertThat(b.droppedCount()).isZero();
		assertThat(standIn.logGroups()).containsExactly(SinkFixture.GROUP);
		assertThat(standIn.retentionInDays(SinkFixture.GROUP)).hasValue(30);
		assertThat(standIn.tags(SinkFixture.GROUP)).containsEntry("team", "integrates");
		String day = now.atZone(ZoneOffset.UTC).toLocalDate().toString();
		assertThat(standIn.logStreams(SinkFixture.GROUP)).containsExactly("app/" + day);
		assertThat(standIn.violations()).isEmpty();
	}

	@Test
	void anExistingGroupAndAStreamCreatedByAnotherInstanceAreFine() {
		standIn.createLogGroup(SinkFixture.GROUP).createLogStream(SinkFixture.GROUP, "app");
		Batch b = ship(fx.sink(standIn.endpoint()), 10);
		assertThat(b.droppedCount()).isZero();
		assertThat(standIn.messages(SinkFixture.GROUP, "app")).hasSize(10);
	}

	@Test
	void aMissingStreamThatMayNotBeCreatedIsReportedWithWhatToDo() {
		standIn.createLogGroup(SinkFixture.GROUP);
		fx.option("create_log_stream", false).option("create_log_group", false);
		Batch b = ship(fx.sink(standIn.endpoint()), 10);
		assertThat(b.droppedByReason()).containsEntry("resource_not_found", 10);
		assertThat(fx.status()).contains("create_log_stream");
	}

	@Test
	void badCredentialsArePermanentAndReportedOnceWithWhatToFix() {
		standIn.failNext("PutLogEvents", 2, 400, "UnrecognizedClientException");
		CloudWatchSink sink = fx.sink(standIn.endpoint());
		assertThat(ship(sink, 5).droppedByReason()).containsEntry("unrecognized_client", 5);
		assertThat(ship(sink, 5).droppedByReason()).containsEntry("unrecognized_client", 5);
		assertThat(ship(sink, 5).droppedCount()).isZero();
		assertThat(fx.status().lines().filter(l -> l.contains("did not accept the credentials"))).hasSize(1);
		assertThat(fx.status()).doesNotContain("AKIDTEST").doesNotContain("TESTSECRETVALUE123");
	}

	@Test
	void accessDeniedNamesThePermissions() {
		standIn.failNext("PutLogEvents", 1, 400, "AccessDeniedException");
		assertThat(ship(fx.sink(standIn.endpoint()), 3).droppedByReason()).containsEntry("access_denied", 3);
		assertThat(fx.status()).contains("logs:PutLogEvents");
	}

	@Test
	void invalidParameterIsReportedLoudlyAsASluiceBug() {
		standIn.failNext("PutLogEvents", 1, 400, "InvalidParameterException");
		assertThat(ship(fx.sink(standIn.endpoint()), 3).droppedByReason()).containsEntry("invalid_parameter", 3);
		assertThat(fx.status()).contains("ERROR").contains("BUG in Sluice");
	}
}
