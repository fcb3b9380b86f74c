package dev.sluice.sinks.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.testkit.CloudWatchLogsStandIn;
import dev.sluice.testkit.StoredLogEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every PutLogEvents limit, against the testkit's stand-in, which records each broken rule. */
class PutLogEventsLimitsTest {

	private final CloudWatchLogsStandIn standIn = CloudWatchLogsStandIn.start();
	private final Instant now = Instant.now();
	private final SinkFixture fx = new SinkFixture(Clock.systemUTC());

	@AfterEach
	void stop() {
		standIn.close();
	}

	private Batch ship(List<LogRecord> records) {
		CloudWatchSink sink = fx.sink(standIn.endpoint());
		Batch batch = new Batch(records);
		sink.write(batch).block(Duration.ofSeconds(60));
		sink.close().block(Duration.ofSeconds(30));
		return batch;
	}

	@Test
	void tenThousandSmallEventsMakeOneRequestAndOneMoreMakesTwo() {
		Batch b = ship(SinkFixture.records(10_001, now, 1));
		assertThat(b.droppedCount()).isZero();
		assertThat(standIn.calls("PutLogEvents")).isEqualTo(2);
		assertThat(standIn.events(SinkFixture.GROUP, "app")).hasSize(10_001);
		assertThat(standIn.violations()).isEmpty();
	}

	@Test
	void twoThousandEventsOf600Utf8BytesAreCutByTheServicesByteCount() {
		String unit = "é€😀"; // 2 + 3 + 4 bytes
		StringBuilder sb = new StringBuilder();
		while (sb.toString().getBytes(StandardCharsets.UTF_8).length + 9 <= 600) {
			sb.append(unit);
		}
		while (sb.toString().getBytes(StandardCharsets.UTF_8).length < 600) {
			sb.append('x');
		}
		String msg = sb.toString();
		assertThat(msg.getBytes(StandardCharsets.UTF_8)).hasSize(600);
		List<LogRecord> records = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			records.add(SinkFixture.record("app", msg, now.minusMillis(2_000 - i)));
		}
		Batch b = ship(records);
		assertThat(b.droppedCount()).isZero();
		// 2,000 x 626 = 1,252,000 bytes: two requests, the first as full as 1,048,576 allows (1,675 events)
		assertThat(standIn.calls("PutLogEvents")).isEqualTo(2);
		assertThat(standIn.messages(SinkFixture.GROUP, "app")).hasSize(2_000).allMatch(msg::equals);
		assertThat(standIn.violations()).isEmpty();
	}

	@Test
	void fortyHoursOfTimestampsAreCutIntoRequestsSpanningUnder24Hours() {
		Batch b = ship(SinkFixture.records(2_400, now, Duration.ofMinutes(1).toMillis()));
		assertThat(b.droppedCount()).isZero();
		assertThat(standIn.calls("PutLogEvents")).isEqualTo(2);
		assertThat(standIn.events(SinkFixture.GROUP, "app")).hasSize(2_400);
		assertThat(standIn.violations()).isEmpty();
	}

	@Test
	void outOfOrderInputIsSortedPerRequestAndStreamsAreSeparate() {
		fx.option("log_stream_name", "{logger_name}");
		List<LogRecord> records = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			records.add(SinkFixture.record(i % 2 == 0 ? "orders" : "billing", "m" + i, now.minusSeconds(i % 977)));
		}
		Collections.shuffle(records, new Random(7));
		Batch b = ship(records);
		assertThat(b.droppedCount()).isZero();
		assertThat(standIn.logStreams(SinkFixture.GROUP)).containsExactly("billing", "orders");
		List<StoredLogEvent> orders = standIn.events(SinkFixture.GROUP, "orders");
		assertThat(orders).hasSize(1_500);
		assertThat(orders).extracting(StoredLogEvent::timestamp).isSorted();
		assertThat(standIn.violations()).isEmpty();
	}

	@Test
	void recordsTheServiceWouldRejectAreCountedAndNeverSent() {
		List<LogRecord> records = new ArrayList<>(SinkFixture.records(5, now, 1));
		records.add(SinkFixture.record("app", "ancient", now.minus(Duration.ofDays(15))));
		records.add(SinkFixture.record("app", "future", now.plus(Duration.ofHours(3))));
		records.add(SinkFixture.record("app", "", now));
		records.add(SinkFixture.record("software.amazon.awssdk.request", "Sending Request", now));
		records.add(SinkFixture.record("io.netty.channel.DefaultChannelPipeline", "discarded", now));
		records.add(SinkFixture.record("reactor.netty.http.client", "connected", now));
		Batch b = ship(records);
		assertThat(b.droppedByReason()).containsEntry("too_old", 1).containsEntry("too_new", 1)
				.containsEntry("empty_message", 1).containsEntry(CloudWatchSink.FEEDBACK_LOOP, 3);
		assertThat(standIn.messages(SinkFixture.GROUP, "app")).hasSize(5);
		assertThat(standIn.violations()).isEmpty();
		assertThat(fx.status()).contains("too_old").doesNotContain("feedback_loop");
	}

	@Test
	void aLongMessageIsCutAtAUtf8BoundaryWithAMarker() {
		fx.option("max_message_size", 1_000);
		String msg = "€".repeat(2_000); // 6,000 bytes
		Batch b = ship(List.of(SinkFixture.record("app", msg, now)));
		assertThat(b.droppedCount()).isZero();
		String stored = standIn.messages(SinkFixture.GROUP, "app").get(0);
		assertThat(stored).endsWith(LogEventEncoder.TRUNCATION_MARKER).startsWith("€€€");
		assertThat(stored.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1_000).isGreaterThan(995);
		assertThat(standIn.violations()).isEmpty();
	}

	@Test
	void eventsTheServiceRejectsForTheirTimeAreReadFromRejectedLogEventsInfo() {
		// the service's clock is 3 hours behind ours: every event is "too new" for it
		try (CloudWatchLogsStandIn behind = CloudWatchLogsStandIn.start(Clock.offset(Clock.systemUTC(),
				Duration.ofHours(-3)))) {
			CloudWatchSink sink = fx.sink(behind.endpoint());
			Batch b = new Batch(SinkFixture.records(7, now, 1));
			sink.write(b).block(Duration.ofSeconds(30));
			sink.close().block(Duration.ofSeconds(30));
			assertThat(b.droppedByReason()).containsEntry(LogsSender.REJECTED_TOO_NEW, 7);
			assertThat(fx.status()).contains("rejected 7 event(s)");
		}
	}
}
