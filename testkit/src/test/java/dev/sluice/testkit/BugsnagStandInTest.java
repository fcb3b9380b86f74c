package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;

/** The Bugsnag stand-in driven by reactor-netty's HttpClient: headers, payload shape, size and faults. */
class BugsnagStandInTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "0123456789abcdef0123456789abcdef";

    ManualClock clock;
    BugsnagStandIn bugsnag;

    @BeforeEach
    void start() {
        clock = ManualClock.at(Instant.parse("2026-03-01T12:00:00Z"));
        bugsnag = BugsnagStandIn.start(clock, KEY);
    }

    @AfterEach
    void stop() {
        bugsnag.close();
    }

    /** A complete, valid v5 payload with one handled error, as Sluice's sink sends it. */
    static ObjectNode payload() {
        ObjectNode p = JSON.createObjectNode();
        p.put("apiKey", KEY);
        p.put("payloadVersion", "5");
        p.putObject("notifier").put("name", "Sluice").put("version", "0.1.0").put("url", "https://sluice.dev");
        ObjectNode e = p.putArray("events").addObject();
        ObjectNode x = e.putArray("exceptions").addObject();
        x.put("errorClass", "java.lang.IllegalStateException").put("message", "no provider answered");
        x.putArray("stacktrace").addObject().put("file", "Providers.java").put("lineNumber", 42)
                .put("method", "dev.jibe.Providers.call").put("inProject", true);
        e.put("severity", "error");
        e.putObject("severityReason").put("type", "log").putObject("attributes").put("level", "ERROR");
        e.put("unhandled", false);
        e.put("context", "POST /quotes");
        e.putObject("user").put("id", "u-17").put("email", "a@b.c");
        e.putObject("app").put("version", "1.2.3").put("releaseStage", "production");
        e.putObject("device").put("hostname", "web-1").put("osName", "Linux");
        e.putObject("metaData").putObject("extra").put("quote_id", 991);
        e.putArray("breadcrumbs").addObject().put("timestamp", "2026-03-01T11:59:59.123Z").put("name", "cache miss")
                .put("type", "log").putObject("metaData").put("level", "INFO");
        return p;
    }

    Http.Response notify(JsonNode body) {
        return notify(body.toString().getBytes(StandardCharsets.UTF_8), h -> { });
    }

    Http.Response notify(byte[] body, Consumer<io.netty.handler.codec.http.HttpHeaders> change) {
        return Http.post(bugsnag.notifyUrl(), h -> {
            h.set("Content-Type", "application/json");
            h.set("Bugsnag-Api-Key", KEY);
            h.set("Bugsnag-Payload-Version", "5");
            h.set("Bugsnag-Sent-At", "2026-03-01T12:00:00.000Z");
            change.accept(h);
        }, body);
    }

    List<String> rules() {
        return bugsnag.violations().stream().map(Violation::rule).toList();
    }

    @Test
    void acceptsAValidPayloadAndRecordsItsEvents() {
        Http.Response r = notify(payload());

        assertThat(r.status()).isEqualTo(200);
        assertThat(bugsnag.events()).singleElement().satisfies(e -> {
            assertThat(e.at("/exceptions/0/errorClass").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(e.at("/context").asText()).isEqualTo("POST /quotes");
            assertThat(e.at("/breadcrumbs/0/name").asText()).isEqualTo("cache miss");
        });
        assertThat(bugsnag.violations()).isEmpty();
    }

    @Test
    void checksTheHeaders() {
        byte[] body = payload().toString().getBytes(StandardCharsets.UTF_8);
        assertThat(notify(body, h -> h.remove("Bugsnag-Api-Key")).status()).isEqualTo(401);
        assertThat(notify(body, h -> h.set("Bugsnag-Api-Key", "ffffffffffffffffffffffffffffffff")).status())
                .isEqualTo(401);
        assertThat(notify(body, h -> h.set("Bugsnag-Payload-Version", "4")).status()).isEqualTo(400);
        assertThat(notify(body, h -> h.set("Bugsnag-Sent-At", "yesterday")).status()).isEqualTo(200);
        assertThat(notify(body, h -> h.set("Content-Type", "text/plain")).status()).isEqualTo(200);

        assertThat(rules()).containsExactly("api-key", "api-key", "payload-version", "sent-at", "content-type");
        assertThat(bugsnag.payloads()).hasSize(2);
        assertThat(bugsnag.violations()).allSatisfy(v -> assertThat(v.detail()).doesNotContain("ffffffff"));
    }

    @Test
    void recordsEveryShapeRuleBroken() {
        ObjectNode p = payload();
        p.put("apiKey", "fedcba9876543210fedcba9876543210");
        ((ObjectNode) p.get("notifier")).remove("url");
        ObjectNode e = (ObjectNode) p.get("events").get(0);
        e.put("severity", "fatal");
        e.remove("unhandled");
        e.putObject("severityReason").put("type", "because");
        ObjectNode x = (ObjectNode) e.get("exceptions").get(0);
        x.put("errorClass", "");
        ((ObjectNode) x.get("stacktrace").get(0)).put("lineNumber", "42");
        ((ObjectNode) e.get("metaData")).put("flat", "not a tab");
        ((ObjectNode) e.get("breadcrumbs").get(0)).put("type", "debug").put("timestamp", "12:00");

        assertThat(notify(p).status()).isEqualTo(200);
        assertThat(rules()).containsExactly("api-key", "notifier", "exception", "stacktrace", "severity",
                "severity-reason", "unhandled", "meta-data", "breadcrumbs", "breadcrumbs");
    }

    @Test
    void refusesPayloadsWithoutEventsOrNotJson() {
        ObjectNode noEvents = payload();
        noEvents.putArray("events");
        assertThat(notify(noEvents).status()).isEqualTo(400);
        assertThat(notify("{oops".getBytes(StandardCharsets.UTF_8), h -> { }).status()).isEqualTo(400);
        assertThat(rules()).containsExactly("events", "json");
        assertThat(bugsnag.payloads()).isEmpty();
    }

    @Test
    void acceptsExactlyOneMillionBytesAndRefusesOneMore() {
        ObjectNode p = payload();
        int base = p.toString().getBytes(StandardCharsets.UTF_8).length;
        ObjectNode extra = (ObjectNode) p.at("/events/0/metaData/extra");
        extra.put("pad", "");
        int withEmptyPad = p.toString().getBytes(StandardCharsets.UTF_8).length;
        extra.put("pad", "p".repeat(BugsnagStandIn.MAX_PAYLOAD_BYTES - withEmptyPad));
        byte[] exact = p.toString().getBytes(StandardCharsets.UTF_8);
        extra.put("pad", "p".repeat(BugsnagStandIn.MAX_PAYLOAD_BYTES - withEmptyPad + 1));
        byte[] over = p.toString().getBytes(StandardCharsets.UTF_8);

        assertThat(base).isLessThan(withEmptyPad);
        assertThat(exact).hasSize(1_000_000);
        assertThat(notify(exact, h -> { }).status()).isEqualTo(200);
        assertThat(notify(over, h -> { }).status()).isEqualTo(413);
        assertThat(rules()).containsExactly("payload-size");
    }

    @Test
    void answersScriptedStatusesInOrder() {
        bugsnag.failNext(1, 400).failNext(1, 401).failNext(1, 413).rateLimitNext(1, 7).failNext(2, 503);

        assertThat(notify(payload()).status()).isEqualTo(400);
        assertThat(notify(payload()).status()).isEqualTo(401);
        assertThat(notify(payload()).status()).isEqualTo(413);
        Http.Response limited = notify(payload());
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().get("Retry-After")).isEqualTo("7");
        clock.advance(Duration.ofSeconds(7));
        assertThat(notify(payload()).status()).isEqualTo(503);
        assertThat(notify(payload()).status()).isEqualTo(503);
        assertThat(notify(payload()).status()).isEqualTo(200);

        assertThat(bugsnag.payloads()).hasSize(1);
        assertThat(bugsnag.requests()).isEqualTo(7);
        assertThat(bugsnag.violations()).isEmpty();
    }

    @Test
    void catchesARetryBeforeRetryAfterElapsed() {
        bugsnag.rateLimitNext(1, 10);
        assertThat(notify(payload()).status()).isEqualTo(429);
        clock.advance(Duration.ofMillis(8_500));
        Http.Response early = notify(payload());
        clock.advance(Duration.ofMillis(1_500));
        Http.Response onTime = notify(payload());

        assertThat(early.status()).isEqualTo(429);
        assertThat(early.headers().get("Retry-After")).isEqualTo("2");
        assertThat(onTime.status()).isEqualTo(200);
        assertThat(rules()).containsExactly("retry-after");
    }

    @Test
    void slowDroppedAndDown() {
        bugsnag.dropNext(1).delayNext(1, Duration.ofMillis(20));
        assertThatThrownBy(() -> notify(payload()))
                .satisfies(e -> assertThat(Exceptions.unwrap(e)).isInstanceOf(IOException.class));
        assertThat(notify(payload()).status()).isEqualTo(200);

        bugsnag.goDown();
        assertThat(notify(payload()).status()).isEqualTo(503);
        bugsnag.comeUp().goDownUntil(clock.instant().plusSeconds(30));
        assertThat(notify(payload()).status()).isEqualTo(503);
        clock.advance(Duration.ofSeconds(30));
        assertThat(notify(payload()).status()).isEqualTo(200);

        assertThat(bugsnag.payloads()).hasSize(2);
        assertThat(bugsnag.pendingFaults()).isZero();
    }

    @Test
    void refusesAMalformedExpectedKeyAtStart() {
        assertThatThrownBy(() -> BugsnagStandIn.start(clock, "not-a-key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
    }
}
