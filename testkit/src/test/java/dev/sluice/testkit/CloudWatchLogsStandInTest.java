package dev.sluice.testkit;

import static dev.sluice.testkit.CloudWatchClients.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ServiceUnavailableException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ThrottlingException;
import software.amazon.awssdk.services.cloudwatchlogs.model.UnrecognizedClientException;

/** The CloudWatch Logs stand-in driven by the real AWS SDK v2 async client: operations, errors and faults. */
class CloudWatchLogsStandInTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String GROUP = "/sluice/test";
    static final String STREAM = "host/app/main/42";

    ManualClock clock;
    CloudWatchLogsStandIn standIn;
    CloudWatchLogsAsyncClient client;

    @BeforeEach
    void start() {
        clock = ManualClock.at(NOW);
        standIn = CloudWatchLogsStandIn.start(clock);
        client = CloudWatchClients.client(standIn);
    }

    @AfterEach
    void stop() {
        client.close();
        standIn.close();
    }

    void createGroupAndStream() {
        join(client.createLogGroup(b -> b.logGroupName(GROUP)));
        join(client.createLogStream(b -> b.logGroupName(GROUP).logStreamName(STREAM)));
    }

    PutLogEventsResponse put(String... messages) {
        List<InputLogEvent> events = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            events.add(InputLogEvent.builder().timestamp(NOW.toEpochMilli() + i).message(messages[i]).build());
        }
        return join(client.putLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM).logEvents(events)));
    }

    @Test
    @SuppressWarnings("deprecation") // TagLogGroup is deprecated, but older clients (watchtower 3.x) still call it
    void roundTripsEventsThroughTheRealSdk() {
        createGroupAndStream();
        join(client.putRetentionPolicy(b -> b.logGroupName(GROUP).retentionInDays(30)));
        join(client.tagResource(b -> b.resourceArn("arn:aws:logs:eu-west-1:123456789012:log-group:" + GROUP)
                .tags(Map.of("team", "payments"))));
        join(client.tagLogGroup(b -> b.logGroupName(GROUP).tags(Map.of("env", "test"))));

        PutLogEventsResponse put = put("first", "zweite Zeile: äöü", "third \uD83D\uDE80");
        GetLogEventsResponse got = join(client.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM)
                .startFromHead(true)));

        assertThat(put.rejectedLogEventsInfo()).isNull();
        assertThat(got.events()).extracting(OutputLogEvent::message)
                .containsExactly("first", "zweite Zeile: äöü", "third \uD83D\uDE80");
        assertThat(got.events()).extracting(OutputLogEvent::ingestionTime).containsOnly(NOW.toEpochMilli());
        assertThat(standIn.messages(GROUP, STREAM)).containsExactly("first", "zweite Zeile: äöü",
                "third \uD83D\uDE80");
        assertThat(standIn.retentionInDays(GROUP)).hasValue(30);
        assertThat(standIn.tags(GROUP)).containsExactlyInAnyOrderEntriesOf(Map.of("team", "payments", "env", "test"));
        assertThat(standIn.calls("PutLogEvents")).isEqualTo(1);
        assertThat(standIn.calls()).containsEntry("CreateLogGroup", 1).containsEntry("GetLogEvents", 1);
        assertThat(standIn.violations()).isEmpty();
    }

    @Test
    void describesGroupsAndStreams() {
        createGroupAndStream();
        join(client.createLogStream(b -> b.logGroupName(GROUP).logStreamName("other")));
        put("x");

        DescribeLogGroupsResponse groups = join(client.describeLogGroups(b -> b.logGroupNamePrefix("/sluice")));
        DescribeLogStreamsResponse streams = join(client.describeLogStreams(b -> b.logGroupName(GROUP)
                .logStreamNamePrefix("host/")));

        assertThat(groups.logGroups()).singleElement().satisfies(g -> {
            assertThat(g.logGroupName()).isEqualTo(GROUP);
            assertThat(g.arn()).isEqualTo("arn:aws:logs:eu-west-1:123456789012:log-group:/sluice/test:*");
            assertThat(g.storedBytes()).isEqualTo(27L);
        });
        assertThat(streams.logStreams()).singleElement().satisfies(s -> {
            assertThat(s.logStreamName()).isEqualTo(STREAM);
            assertThat(s.lastEventTimestamp()).isEqualTo(NOW.toEpochMilli());
        });
        assertThat(standIn.logStreams(GROUP)).containsExactly(STREAM, "other");
        assertThat(standIn.violations()).isEmpty();
    }

    @Test
    void pagesThroughGetLogEventsWithTheSdkPaginator() {
        createGroupAndStream();
        String[] messages = new String[25];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = "event " + i;
        }
        put(messages);

        List<String> read = Flux.from(client.getLogEventsPaginator(b -> b.logGroupName(GROUP)
                        .logStreamName(STREAM).startFromHead(true).limit(10)).events())
                .map(OutputLogEvent::message)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(read).containsExactly(messages);
        assertThat(standIn.calls("GetLogEvents")).isEqualTo(4);
        assertThat(standIn.violations()).isEmpty();
    }

    @Test
    void keepsEveryEventOfManyConcurrentCalls() {
        join(client.createLogGroup(b -> b.logGroupName(GROUP)));
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            String stream = "stream-" + s;
            join(client.createLogStream(b -> b.logGroupName(GROUP).logStreamName(stream)));
            for (int c = 0; c < 20; c++) {
                List<InputLogEvent> events = new ArrayList<>();
                for (int e = 0; e < 50; e++) {
                    events.add(InputLogEvent.builder().timestamp(NOW.toEpochMilli()).message(stream + "/" + c + "/" + e)
                            .build());
                }
                calls.add(client.putLogEvents(b -> b.logGroupName(GROUP).logStreamName(stream).logEvents(events)));
            }
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        assertThat(standIn.storedEventCount()).isEqualTo(8 * 20 * 50);
        for (int s = 0; s < 8; s++) {
            assertThat(standIn.messages(GROUP, "stream-" + s)).hasSize(20 * 50).doesNotHaveDuplicates();
        }
        assertThat(standIn.calls("PutLogEvents")).isEqualTo(160);
        assertThat(standIn.violations()).isEmpty();
    }

    @Test
    void answersResourceNotFoundAndAlreadyExistsAsTheService() {
        assertThatThrownBy(() -> put("lost"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The specified log group does not exist.");
        join(client.createLogGroup(b -> b.logGroupName(GROUP)));
        assertThatThrownBy(() -> put("lost"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The specified log stream does not exist.");
        assertThatThrownBy(() -> join(client.createLogGroup(b -> b.logGroupName(GROUP))))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThat(standIn.storedEventCount()).isZero();
        assertThat(standIn.violations()).as("a missing resource is protocol, not a violation").isEmpty();
    }

    @Test
    void throttlesTheScriptedNumberOfCallsOfOneOperation() {
        createGroupAndStream();
        standIn.throttleNext("PutLogEvents", 2);

        join(client.describeLogGroups(b -> { }));
        assertThatThrownBy(() -> put("a")).isInstanceOf(ThrottlingException.class)
                .satisfies(e -> assertThat(((CloudWatchLogsException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> put("a")).isInstanceOf(ThrottlingException.class);
        put("a");

        assertThat(standIn.messages(GROUP, STREAM)).containsExactly("a");
        assertThat(standIn.calls("PutLogEvents")).isEqualTo(3);
        assertThat(standIn.pendingFaults()).isZero();
    }

    @Test
    void answersScriptedFaultsInTheOrderScripted() {
        createGroupAndStream();
        standIn.unavailableNext(1).failNext(null, 1, 400, "UnrecognizedClientException");

        assertThatThrownBy(() -> put("a")).isInstanceOf(ServiceUnavailableException.class)
                .satisfies(e -> assertThat(((CloudWatchLogsException) e).statusCode()).isEqualTo(503));
        assertThatThrownBy(() -> put("a")).isInstanceOf(UnrecognizedClientException.class);
        put("a");
        assertThat(standIn.messages(GROUP, STREAM)).containsExactly("a");
    }

    @Test
    void dropsTheConnectionWithoutAnswer() {
        createGroupAndStream();
        standIn.dropNext("PutLogEvents", 1);

        assertThatThrownBy(() -> put("a")).isInstanceOf(SdkClientException.class)
                .isNotInstanceOf(CloudWatchLogsException.class);
        put("b");

        assertThat(standIn.messages(GROUP, STREAM)).containsExactly("b");
    }

    @Test
    void holdsASlowAnswerPastTheClientsTimeoutThenServesNormally() {
        createGroupAndStream();
        try (CloudWatchLogsAsyncClient impatient = CloudWatchClients.client(standIn, Duration.ofMillis(300))) {
            standIn.delayNext("GetLogEvents", 1, Duration.ofSeconds(30));
            assertThatThrownBy(() -> join(impatient.getLogEvents(b -> b.logGroupName(GROUP)
                    .logStreamName(STREAM)))).isInstanceOf(ApiCallAttemptTimeoutException.class);
        }
        standIn.delayNext("PutLogEvents", 1, Duration.ofMillis(50));
        put("slow but served");
        assertThat(standIn.messages(GROUP, STREAM)).containsExactly("slow but served");
        assertThat(standIn.pendingFaults()).isZero();
    }

    @Test
    void isDownUntilToldOtherwiseOrUntilItsClockPassesAnInstant() {
        createGroupAndStream();
        standIn.goDown();
        assertThatThrownBy(() -> put("a")).isInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(() -> put("a")).isInstanceOf(ServiceUnavailableException.class);
        standIn.comeUp();
        put("b");

        standIn.goDownUntil(NOW.plusSeconds(30));
        assertThatThrownBy(() -> put("c")).isInstanceOf(ServiceUnavailableException.class);
        clock.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> put("c")).isInstanceOf(ServiceUnavailableException.class);
        clock.advance(Duration.ofSeconds(1));
        put("d");

        assertThat(standIn.messages(GROUP, STREAM)).containsExactly("b", "d");
        assertThat(standIn.violations()).isEmpty();
    }
}
