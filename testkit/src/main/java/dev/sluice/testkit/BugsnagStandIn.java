package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * A Bugsnag Error Reporting API (notify endpoint) on {@code 127.0.0.1} for tests.
 *
 * <p>{@code POST /} (see {@link #notifyUrl()}) takes a JSON payload of version 5 with the headers
 * {@code Bugsnag-Api-Key} (32 hex digits; when the stand-in was started with an API key, that key), {@code
 * Bugsnag-Payload-Version: 5} and {@code Bugsnag-Sent-At} (ISO-8601). The payload's shape is checked: a
 * {@code notifier} with name, version and url; a non-empty {@code events} array, each event with {@code exceptions}
 * ({@code errorClass}, {@code message}, {@code stacktrace} frames of {@code file}, {@code lineNumber}, {@code method},
 * {@code inProject}), {@code severity} (error, warning or info), {@code severityReason.type}, a boolean
 * {@code unhandled}, and correctly typed optional {@code context}, {@code user}, {@code app}, {@code device},
 * {@code metaData} (tabs of key/values) and {@code breadcrumbs}. Answers, as the service: 200 for an accepted payload (also when it broke a shape rule:
 * the violation is recorded), 400 for a payload that is not JSON, has no events or names another payload version,
 * 401 for a missing or wrong API key, 413 for a payload over 1,000,000 bytes. Every broken rule is recorded in
 * {@link #violations()}; a well-behaved notifier leaves it empty.
 *
 * <p>Faults are scripted in order, one per request: any HTTP status (400, 401, 413, 429 with {@code Retry-After},
 * 5xx), a slow answer (a timer, never a sleeping thread) or a dropped connection; the stand-in can also be down (503)
 * until an instant of its clock or until {@link #comeUp()}. A request that comes before the {@code Retry-After} of a
 * scripted 429 elapsed (on the stand-in's clock) is a violation, and answered 429 again.
 *
 * <p>Thread-safety: requests are served on Netty event loops without blocking; every other method may be called from
 * any thread. {@link #start} and {@link #close} block the calling (test) thread while the server binds or unbinds.
 */
public final class BugsnagStandIn extends ScriptedStandIn<BugsnagStandIn> {

    /** The largest payload the service accepts, in bytes. */
    public static final int MAX_PAYLOAD_BYTES = 1_000_000;

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Pattern API_KEY = Pattern.compile("[0-9a-f]{32}");
    private static final String WHERE = BugsnagPayloadRules.WHERE;
    private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 401, "Unauthorized", 408,
            "Request Timeout", 413, "Payload Too Large", 429, "Too Many Requests", 500, "Internal Server Error",
            502, "Bad Gateway", 503, "Service Unavailable", 504, "Gateway Timeout");

    private final String expectedApiKey;
    private final RetryAfterLedger retryAfter;
    private final CopyOnWriteArrayList<JsonNode> payloads = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final LoopbackHttpServer server;

    private BugsnagStandIn(Clock clock, String expectedApiKey) {
        super(clock);
        if (expectedApiKey != null && !API_KEY.matcher(expectedApiKey).matches()) {
            throw new IllegalArgumentException("a Bugsnag API key is 32 lower-case hex digits");
        }
        this.expectedApiKey = expectedApiKey;
        this.retryAfter = new RetryAfterLedger(clock);
        Json.warmUp();
        this.server = LoopbackHttpServer.start(this::serve, violations);
    }

    /** Starts a stand-in that accepts any well-formed API key, with the system clock. */
    public static BugsnagStandIn start() {
        return new BugsnagStandIn(Clock.systemUTC(), null);
    }

    /**
     * Starts a stand-in whose "down until" follows {@code clock} and that accepts only {@code apiKey} (any
     * well-formed key when null).
     *
     * @throws IllegalArgumentException when {@code apiKey} is not 32 lower-case hex digits
     */
    public static BugsnagStandIn start(Clock clock, String apiKey) {
        return new BugsnagStandIn(clock, apiKey);
    }

    /** The notify URL, {@code http://127.0.0.1:<port>/}, for Sluice's {@code endpoint} option. */
    public String notifyUrl() {
        return server.baseUrl() + "/";
    }

    /** The port the stand-in listens on. */
    public int port() {
        return server.port();
    }

    // ----------------------------------------------------------------------------------------------- faults

    /** The next {@code times} requests answer HTTP {@code status} (for example 400, 401, 413, 500 or 503). */
    public BugsnagStandIn failNext(int times, int status) {
        faults.add(Fault.answer(null, status, null, -1), times);
        return this;
    }

    /** The next {@code times} requests answer 429 with {@code Retry-After: retryAfterSeconds}. */
    public BugsnagStandIn rateLimitNext(int times, int retryAfterSeconds) {
        faults.add(Fault.answer(null, 429, null, retryAfterSeconds), times);
        return this;
    }

    // ----------------------------------------------------------------------------------------------- read-back

    /** The accepted payloads, in order (copies). */
    public List<JsonNode> payloads() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : payloads) {
            out.add(p.deepCopy());
        }
        return out;
    }

    /** The events of every accepted payload, in order (copies). */
    public List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : payloads) {
            for (JsonNode e : p.path("events")) {
                out.add(e.deepCopy());
            }
        }
        return out;
    }

    /** The number of requests received, faulted and refused ones included. */
    public int requests() {
        return requests.get();
    }

    /** Stops the server; blocks the calling thread until it is unbound. */
    @Override
    public void close() {
        server.close();
    }

    // ----------------------------------------------------------------------------------------------- serving

    private Mono<Answer> serve(Received req) {
        requests.incrementAndGet();
        Duration early = retryAfter.early(WHERE);
        if (early != null) {
            long wait = RetryAfterLedger.seconds(early);
            violations.add(WHERE, "retry-after", "called again " + wait + " s before the Retry-After it was given"
                    + " elapsed (answered 429 again)");
            return Mono.just(status(429).withHeader("Retry-After", Long.toString(wait)));
        }
        if (faults.isDown()) {
            return Mono.just(status(503));
        }
        Fault fault = faults.take(WHERE);
        if (fault == null) {
            return Mono.fromSupplier(() -> handle(req));
        }
        switch (fault.kind()) {
            case ANSWER:
                Answer a = status(fault.status());
                if (fault.retryAfterSeconds() < 0) {
                    return Mono.just(a);
                }
                retryAfter.told(WHERE, fault.retryAfterSeconds());
                return Mono.just(a.withHeader("Retry-After", Integer.toString(fault.retryAfterSeconds())));
            case DELAY:
                return Mono.delay(fault.delay()).map(x -> handle(req));
            default:
                return Mono.just(Answer.dropConnection());
        }
    }

    private Answer handle(Received req) {
        if (!"POST".equals(req.method())) {
            violations.add(WHERE, "http-method", "notify requests are POST, this one was " + req.method());
        }
        if (!"/".equals(req.path())) {
            violations.add(WHERE, "path", "the notify endpoint is /, this request went to " + req.path());
            return status(404);
        }
        String contentType = req.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            violations.add(WHERE, "content-type", "Content-Type must be application/json, was " + contentType);
        }
        String apiKey = req.header("Bugsnag-Api-Key");
        if (apiKey == null || !API_KEY.matcher(apiKey).matches()) {
            violations.add(WHERE, "api-key", apiKey == null ? "no Bugsnag-Api-Key header"
                    : "Bugsnag-Api-Key is not 32 lower-case hex digits");
            return status(401);
        }
        if (expectedApiKey != null && !expectedApiKey.equals(apiKey)) {
            violations.add(WHERE, "api-key", "Bugsnag-Api-Key is not the key this stand-in was started with");
            return status(401);
        }
        String version = req.header("Bugsnag-Payload-Version");
        if (!"5".equals(version)) {
            violations.add(WHERE, "payload-version", "Bugsnag-Payload-Version must be 5, was " + version);
            return status(400);
        }
        String sentAt = req.header("Bugsnag-Sent-At");
        if (sentAt == null || !BugsnagPayloadRules.isIsoInstant(sentAt)) {
            violations.add(WHERE, "sent-at", "Bugsnag-Sent-At must be an ISO-8601 time, was " + sentAt);
        }
        if (req.body().length > MAX_PAYLOAD_BYTES) {
            violations.add(WHERE, "payload-size", "the payload has " + req.body().length + " bytes; the service"
                    + " accepts at most " + MAX_PAYLOAD_BYTES);
            return status(413);
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(req.body());
        } catch (IOException e) {
            payload = null;
        }
        if (payload == null || !payload.isObject()) {
            violations.add(WHERE, "json", "the payload is not a JSON object");
            return status(400);
        }
        if (!BugsnagPayloadRules.check(payload, apiKey, violations)) {
            return status(400);
        }
        payloads.add(payload);
        return Answer.of(200, "text/plain; charset=utf-8", "OK");
    }

    private static Answer status(int status) {
        return Answer.of(status, "text/plain; charset=utf-8", REASONS.getOrDefault(status, "HTTP " + status));
    }
}
