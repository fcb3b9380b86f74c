package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * A CloudWatch Logs service on {@code 127.0.0.1} for tests, speaking the real awsJson1.1 protocol so that the AWS SDK
 * v2 {@code CloudWatchLogsAsyncClient} works against it through {@code endpointOverride(standIn.endpoint())}.
 *
 * <p>Operations: CreateLogGroup, CreateLogStream, PutRetentionPolicy, TagResource, TagLogGroup, DescribeLogGroups,
 * DescribeLogStreams, PutLogEvents and GetLogEvents, with the service's error shapes
 * ({@code {"__type":"ResourceNotFoundException","message":...}}). Every request is checked for the awsJson1.1 shape
 * and a SigV4 {@code Authorization} header of the right form (the signature is not verified), and every PutLogEvents
 * rule is enforced as the service does: at most 10,000 events and 1,048,576 bytes (UTF-8 message + 26 each), events in
 * chronological order within 24 hours, no empty message; events older than 14 days (or the group's retention) or more
 * than 2 hours ahead of the stand-in's clock are rejected through {@code rejectedLogEventsInfo}. Each broken rule is
 * also recorded in {@link #violations()} (a well-behaved client leaves it empty; a missing group or stream is normal
 * protocol, not a violation).
 *
 * <p>Faults are scripted in order and each request takes the first that applies to its operation: throttling
 * ({@code ThrottlingException}, 400), unavailability ({@code ServiceUnavailableException}, 503), any other error,
 * slow answers (a timer, never a sleeping thread) and dropped connections; independently, the stand-in can be down
 * (503 to every request) until a given instant of its clock or until {@link #comeUp()}.
 *
 * <p>Thread-safety: requests are served on Netty event loops without blocking; the scripting and read-back methods
 * may be called from any thread at any time. {@link #start} and {@link #close} block the calling (test) thread while
 * the server binds or unbinds.
 */
public final class CloudWatchLogsStandIn extends ScriptedStandIn<CloudWatchLogsStandIn> {

    private static final String WHERE_ANY = null;

    private final Clock clock;
    private final LogsStore store = new LogsStore();
    private final LogsOperations operations;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicLong requestIds = new AtomicLong();
    private final LoopbackHttpServer server;

    private CloudWatchLogsStandIn(Clock clock) {
        super(clock);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.operations = new LogsOperations(store, clock, violations);
        Json.warmUp();
        this.server = LoopbackHttpServer.start(this::serve, violations);
    }

    /** Starts a stand-in on a free port whose time rules follow the system UTC clock. */
    public static CloudWatchLogsStandIn start() {
        return new CloudWatchLogsStandIn(Clock.systemUTC());
    }

    /**
     * Starts a stand-in on a free port whose time rules (14 days, 2 hours, retention, ingestion times, "down until")
     * follow {@code clock}, for example a {@link ManualClock}.
     */
    public static CloudWatchLogsStandIn start(Clock clock) {
        return new CloudWatchLogsStandIn(clock);
    }

    /** The endpoint to give the SDK ({@code endpointOverride}) or Sluice's {@code endpoint} option. */
    public URI endpoint() {
        return URI.create(server.baseUrl());
    }

    /** The port the stand-in listens on. */
    public int port() {
        return server.port();
    }

    // ----------------------------------------------------------------------------------------------- faults

    /** The next {@code times} requests (of any operation) answer 400 {@code ThrottlingException}. */
    public CloudWatchLogsStandIn throttleNext(int times) {
        return throttleNext(WHERE_ANY, times);
    }

    /** The next {@code times} requests of {@code operation} (null: any) answer 400 {@code ThrottlingException}. */
    public CloudWatchLogsStandIn throttleNext(String operation, int times) {
        return failNext(operation, times, 400, "ThrottlingException");
    }

    /** The next {@code times} requests (of any operation) answer 503 {@code ServiceUnavailableException}. */
    public CloudWatchLogsStandIn unavailableNext(int times) {
        return unavailableNext(WHERE_ANY, times);
    }

    /** The next {@code times} requests of {@code operation} (null: any) answer 503 ServiceUnavailableException. */
    public CloudWatchLogsStandIn unavailableNext(String operation, int times) {
        return failNext(operation, times, 503, "ServiceUnavailableException");
    }

    /**
     * The next {@code times} requests of {@code operation} (null: any) answer {@code httpStatus} with
     * {@code {"__type": errorType}}, for example 400 {@code UnrecognizedClientException} or
     * {@code AccessDeniedException}.
     */
    public CloudWatchLogsStandIn failNext(String operation, int times, int httpStatus, String errorType) {
        Objects.requireNonNull(errorType, "errorType");
        faults.add(Fault.answer(operation, httpStatus, errorType, -1), times);
        return this;
    }

    /**
     * The next {@code times} requests of {@code operation} (null: any) are held for {@code delay}, then served: their
     * events are stored even when the client gave up meanwhile, as with the real service (a retry then duplicates).
     */
    public CloudWatchLogsStandIn delayNext(String operation, int times, Duration delay) {
        faults.add(Fault.delay(operation, delay), times);
        return this;
    }

    /** The next {@code times} requests of {@code operation} (null: any) lose their connection, unanswered. */
    public CloudWatchLogsStandIn dropNext(String operation, int times) {
        faults.add(Fault.drop(operation), times);
        return this;
    }

    // ----------------------------------------------------------------------------------------------- setup

    /** Creates a log group directly (as if it existed before the test); fails if it already exists. */
    public CloudWatchLogsStandIn createLogGroup(String group) {
        store.createGroup(group, clock.millis(), Map.of());
        return this;
    }

    /** Creates a log stream directly; fails if the group is missing or the stream exists. */
    public CloudWatchLogsStandIn createLogStream(String group, String stream) {
        store.createStream(group, stream, clock.millis());
        return this;
    }

    // ----------------------------------------------------------------------------------------------- read-back

    /** The names of the existing log groups, sorted. */
    public Set<String> logGroups() {
        return store.layout().keySet();
    }

    /** The names of the streams of {@code group}, sorted; empty when the group does not exist. */
    public List<String> logStreams(String group) {
        return store.layout().getOrDefault(group, List.of());
    }

    /**
     * The events stored in one stream, in the order they were accepted (not sorted by time).
     *
     * @throws IllegalArgumentException when the group or stream does not exist
     */
    public List<StoredLogEvent> events(String group, String stream) {
        try {
            return store.events(group, stream);
        } catch (AwsError e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + group + " / " + stream + ")", e);
        }
    }

    /** The messages stored in one stream, in the order accepted; see {@link #events}. */
    public List<String> messages(String group, String stream) {
        List<String> out = new ArrayList<>();
        for (StoredLogEvent e : events(group, stream)) {
            out.add(e.message());
        }
        return out;
    }

    /** The number of events stored in all streams. */
    public int storedEventCount() {
        return store.eventCount();
    }

    /** The retention of a group in days, empty when it keeps events forever or does not exist. */
    public OptionalInt retentionInDays(String group) {
        LogsStore.GroupView g = store.findGroup(group);
        return g == null || g.retentionInDays() == null ? OptionalInt.empty() : OptionalInt.of(g.retentionInDays());
    }

    /** The tags of a group; empty when it has none or does not exist. */
    public Map<String, String> tags(String group) {
        LogsStore.GroupView g = store.findGroup(group);
        return g == null ? Map.of() : new TreeMap<>(g.tags());
    }

    /** The number of requests received for {@code operation} (faulted ones included). */
    public int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /** The number of requests received per operation, faulted ones included. */
    public Map<String, Integer> calls() {
        Map<String, Integer> out = new TreeMap<>();
        calls.forEach((op, n) -> out.put(op, n.get()));
        return out;
    }

    /** Stops the server; blocks the calling thread until it is unbound. */
    @Override
    public void close() {
        server.close();
    }

    // ----------------------------------------------------------------------------------------------- serving

    private Mono<Answer> serve(Received req) {
        AwsRequestShape.Checked checked = AwsRequestShape.check(req, violations);
        String op = checked.operation();
        calls.computeIfAbsent(op == null ? "(none)" : op, k -> new AtomicInteger()).incrementAndGet();
        if (checked.error() != null) {
            return Mono.just(error(checked.error()));
        }
        if (faults.isDown()) {
            return Mono.just(error(new AwsError("ServiceUnavailableException", 503, "The service is unavailable.")));
        }
        Fault fault = faults.take(op);
        if (fault == null) {
            return Mono.fromSupplier(() -> answer(req, op, checked.region()));
        }
        switch (fault.kind()) {
            case ANSWER:
                return Mono.just(error(new AwsError(fault.code(), fault.status(), "Scripted " + fault.code())));
            case DELAY:
                return Mono.delay(fault.delay()).map(x -> answer(req, op, checked.region()));
            default:
                return Mono.just(Answer.dropConnection());
        }
    }

    private Answer answer(Received req, String op, String region) {
        JsonNode in;
        try {
            in = LogsOperations.JSON.readTree(req.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8)
                    : req.body());
        } catch (IOException e) {
            violations.add(op, "json", "the body is not JSON: " + e.getMessage());
            return error(new AwsError("SerializationException", 400, "Unable to parse the request body"));
        }
        if (in == null || !in.isObject()) {
            violations.add(op, "json", "the body is not a JSON object");
            return error(new AwsError("SerializationException", 400, "The request body must be a JSON object"));
        }
        try {
            ObjectNode out = operations.handle(op, in, region);
            return json(200, out.toString());
        } catch (AwsError e) {
            return error(e);
        }
    }

    private Answer error(AwsError e) {
        ObjectNode body = LogsOperations.JSON.createObjectNode();
        body.put("__type", e.type);
        if (e.getMessage() != null) {
            body.put("message", e.getMessage());
        }
        return json(e.status, body.toString());
    }

    private Answer json(int status, String body) {
        return Answer.of(status, AwsRequestShape.CONTENT_TYPE, body)
                .withHeader("x-amzn-RequestId", requestId());
    }

    /** A UUID-shaped id from a counter: {@code UUID.randomUUID()} may read /dev/urandom, a blocking call. */
    private String requestId() {
        return String.format("00000000-0000-4000-8000-%012x", requestIds.incrementAndGet());
    }
}
