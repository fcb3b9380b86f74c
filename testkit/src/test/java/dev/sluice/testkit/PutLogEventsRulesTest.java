package dev.sluice.testkit;

import static dev.sluice.testkit.CloudWatchClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;

/** Every PutLogEvents rule, at and just past its limit, through the real SDK client. */
class PutLogEventsRulesTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final long T = NOW.toEpochMilli();
    static final String GROUP = "rules";
    static final String STREAM = "s";

    CloudWatchLogsStandIn standIn;
    CloudWatchLogsAsyncClient client;

    @BeforeEach
    void start() {
        standIn = CloudWatchLogsStandIn.start(ManualClock.at(NOW)).createLogGroup(GROUP).createLogStream(GROUP, STREAM);
        client = CloudWatchClients.client(standIn);
    }

    @AfterEach
    void stop() {
        client.close();
        standIn.close();
    }

    static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }

    PutLogEventsResponse put(List<InputLogEvent> events) {
        return join(client.putLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM).logEvents(events)));
    }

    List<String> rules() {
        return standIn.violations().stream().map(Violation::rule).toList();
    }

    @Test
    void acceptsTenThousandEventsAndRejectsOneMore() {
        List<InputLogEvent> events = new ArrayList<>(Collections.nCopies(10_000, event(T, "x")));
        put(events);
        assertThat(standIn.violations()).isEmpty();

        events.add(event(T, "x"));
        assertThatThrownBy(() -> put(events)).isInstanceOf(InvalidParameterException.class);
        assertThat(rules()).containsExactly("batch-count");
        assertThat(standIn.storedEventCount()).isEqualTo(10_000);
    }

    @Test
    void countsUtf8BytesPlus26PerEventUpToExactlyOneMebibyte() {
        // 2,000 events whose messages are 498 UTF-8 bytes (249 two-byte characters) count 2,000 * 524 = 1,048,000.
        String twoByte = "é".repeat(249);
        assertThat(twoByte.getBytes(StandardCharsets.UTF_8)).hasSize(498);
        List<InputLogEvent> events = new ArrayList<>(Collections.nCopies(2_000, event(T, twoByte)));
        // One more event of 550 bytes brings the batch to exactly 1,048,576.
        events.add(event(T, "a".repeat(550)));
        put(events);
        assertThat(standIn.violations()).isEmpty();

        events.set(2_000, event(T, "a".repeat(551)));
        assertThatThrownBy(() -> put(events)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("1048577");
        assertThat(rules()).containsExactly("batch-bytes");
    }

    @Test
    void rejectsEventsOutOfChronologicalOrder() {
        put(List.of(event(T, "a"), event(T, "same time is fine"), event(T + 1, "b")));
        assertThatThrownBy(() -> put(List.of(event(T + 1, "b"), event(T, "a"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("chronological order");
        assertThat(rules()).containsExactly("chronological-order");
    }

    @Test
    void rejectsABatchSpanningMoreThan24Hours() {
        long start = T - Duration.ofHours(30).toMillis();
        put(List.of(event(start, "a"), event(start + Duration.ofHours(24).toMillis(), "b")));
        assertThatThrownBy(() -> put(List.of(event(start, "a"),
                event(start + Duration.ofHours(24).toMillis() + 1, "b"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("24 hours");
        assertThat(rules()).containsExactly("batch-span");
    }

    @Test
    void rejectsAnEmptyMessageAndAnEmptyBatch() {
        assertThatThrownBy(() -> put(List.of(event(T, "a"), event(T, ""), event(T, "b"), event(T, ""))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("2 event(s) with an empty message, the first at logEvents.2.member.message");
        assertThatThrownBy(() -> put(List.of())).isInstanceOf(InvalidParameterException.class);
        assertThat(rules()).containsExactly("empty-message", "empty-batch");
        assertThat(standIn.storedEventCount()).isZero();
    }

    @Test
    void rejectsAnEventOverTheOneMebibyteEventLimit() {
        String big = "x".repeat(PutLogEventsRules.MAX_EVENT_BYTES - 26 + 1);
        assertThatThrownBy(() -> put(List.of(event(T, big)))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("1 event(s) over the per-event limit");
        assertThat(rules()).containsExactly("event-size", "batch-bytes");
    }

    @Test
    void rejectsTooOldAndTooNewEventsThroughRejectedLogEventsInfo() {
        long fourteenDays = Duration.ofDays(14).toMillis();
        PutLogEventsResponse old = put(List.of(event(T - fourteenDays - 2, "too old"),
                event(T - fourteenDays - 1, "too old too"), event(T - fourteenDays, "just in"),
                event(T - fourteenDays + Duration.ofHours(1).toMillis(), "an hour later")));
        long twoHours = Duration.ofHours(2).toMillis();
        PutLogEventsResponse fresh = put(List.of(event(T, "now again"), event(T + twoHours, "just in too"),
                event(T + twoHours + 1, "too new")));

        assertThat(old.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(2);
        assertThat(old.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isNull();
        assertThat(fresh.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isEqualTo(2);
        assertThat(fresh.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isNull();
        assertThat(standIn.messages(GROUP, STREAM)).containsExactly("just in", "an hour later", "now again",
                "just in too");
        assertThat(rules()).containsExactly("too-old", "too-new");
    }

    @Test
    void rejectsEventsOlderThanTheGroupsRetentionAsExpired() {
        join(client.putRetentionPolicy(b -> b.logGroupName(GROUP).retentionInDays(1)));
        PutLogEventsResponse response = put(List.of(event(T - Duration.ofHours(25).toMillis(), "expired"),
                event(T - Duration.ofHours(23).toMillis(), "kept")));

        assertThat(response.rejectedLogEventsInfo().expiredLogEventEndIndex()).isEqualTo(1);
        assertThat(standIn.messages(GROUP, STREAM)).containsExactly("kept");
        assertThat(rules()).containsExactly("expired");
    }

    @Test
    void recordsASequenceTokenAsUselessButAcceptsTheBatch() {
        join(client.putLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM).sequenceToken("49590")
                .logEvents(event(T, "a"))));
        assertThat(standIn.messages(GROUP, STREAM)).containsExactly("a");
        assertThat(rules()).containsExactly("sequence-token");
    }

    @Test
    void rejectsARetentionTheServiceDoesNotOffer() {
        assertThatThrownBy(() -> join(client.putRetentionPolicy(b -> b.logGroupName(GROUP).retentionInDays(2))))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(rules()).containsExactly("retention-days");
    }

    @Test
    void utf8LengthMatchesTheEncoder() {
        for (String s : List.of("", "ascii", "äöü", "€", "\uD83D\uDE80 rocket", "mixed é € \uD83D\uDE00 z")) {
            assertThat(PutLogEventsRules.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
