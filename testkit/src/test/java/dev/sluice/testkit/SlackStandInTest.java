package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** The Slack stand-in driven by reactor-netty's HttpClient: Web API, webhooks, pacing, limits and faults. */
class SlackStandInTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "Bearer xoxb-1234-5678-abcdef";

    ManualClock clock;
    SlackStandIn slack;

    @BeforeEach
    void start() {
        clock = ManualClock.at(Instant.parse("2026-03-01T12:00:00Z"));
        slack = SlackStandIn.start(clock);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    static ObjectNode message(String channel, String text) {
        ObjectNode m = JSON.createObjectNode();
        m.put("channel", channel);
        if (text != null) {
            m.put("text", text);
        }
        return m;
    }

    Http.Response post(JsonNode body) {
        return post(TOKEN, "application/json; charset=utf-8", body.toString());
    }

    Http.Response post(String authorization, String contentType, String body) {
        return Http.post(slack.apiBase() + "chat.postMessage", h -> {
            if (authorization != null) {
                h.set("Authorization", authorization);
            }
            h.set("Content-Type", contentType);
        }, body);
    }

    static JsonNode json(Http.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    List<String> rules() {
        return slack.violations().stream().map(Violation::rule).toList();
    }

    @Test
    void postsAMessageAndAnswersLikeSlack() {
        Http.Response r = post(message("#alerts", "disk &lt; 5% on <@U024BE7LH> &amp; <https://x.io|dash>"));

        JsonNode answer = json(r);
        assertThat(r.status()).isEqualTo(200);
        assertThat(answer.path("ok").asBoolean()).isTrue();
        assertThat(answer.path("channel").asText()).matches("C[0-9A-F]{8}");
        assertThat(answer.path("ts").asText()).isEqualTo("1772366400.000001");
        assertThat(slack.texts("#alerts")).containsExactly("disk &lt; 5% on <@U024BE7LH> &amp; <https://x.io|dash>");
        assertThat(slack.messages().get(0).via()).isEqualTo("chat.postMessage");
        assertThat(slack.violations()).isEmpty();
    }

    @Test
    void acceptsConcurrentPostsToManyChannelsWithUniqueTimestamps() {
        HttpClient client = HttpClient.create().headers(h -> h.set("Authorization", TOKEN)
                .set("Content-Type", "application/json; charset=utf-8"));
        List<Integer> statuses = reactor.core.publisher.Flux.range(0, 150)
                .flatMap(i -> client.post().uri(slack.apiBase() + "chat.postMessage")
                        .send(reactor.netty.ByteBufFlux.fromString(Mono.just(
                                message("#c" + (i % 50), "m" + i).toString())))
                        .responseSingle((res, body) -> body.then(Mono.just(res.status().code()))), 32)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(statuses).hasSize(150).containsOnly(200);
        assertThat(slack.messages()).hasSize(150);
        assertThat(slack.messages()).extracting(SlackMessage::ts).doesNotHaveDuplicates();
        assertThat(slack.messages("#c7")).hasSize(3);
        assertThat(slack.violations()).isEmpty();
    }

    @Test
    void checksTheTokenShape() {
        Http.Response none = post(null, "application/json; charset=utf-8", message("#a", "x").toString());
        Http.Response wrong = post("Bearer xoxa-legacy", "application/json; charset=utf-8",
                message("#a", "x").toString());

        assertThat(json(none).path("error").asText()).isEqualTo("not_authed");
        assertThat(json(wrong).path("error").asText()).isEqualTo("invalid_auth");
        assertThat(rules()).containsExactly("auth", "auth");
        assertThat(slack.messages()).isEmpty();
    }

    @Test
    void recordsAMissingCharsetAndBadJson() {
        Http.Response noCharset = post(TOKEN, "application/json", message("#a", "x").toString());
        Http.Response bad = post(TOKEN, "application/json; charset=utf-8", "{not json");
        Http.Response noChannel = post(message("", "x"));

        assertThat(json(noCharset).path("warning").asText()).isEqualTo("missing_charset");
        assertThat(json(bad).path("error").asText()).isEqualTo("invalid_json");
        assertThat(json(noChannel).path("error").asText()).isEqualTo("channel_not_found");
        assertThat(rules()).containsExactly("content-type", "json", "channel");
    }

    @Test
    void pacesEachChannelAndAnswers429WithRetryAfter() {
        for (int i = 0; i < SlackStandIn.DEFAULT_BURST; i++) {
            assertThat(post(message("#a", "burst " + i)).status()).isEqualTo(200);
        }
        Http.Response limited = post(message("#a", "too fast"));
        Http.Response otherChannel = post(message("#b", "own pace"));

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().get("Retry-After")).isEqualTo("1");
        assertThat(json(limited).path("error").asText()).isEqualTo("ratelimited");
        assertThat(otherChannel.status()).isEqualTo(200);
        assertThat(rules()).containsExactly("rate-limit");
        assertThat(slack.rateLimited()).isEqualTo(1);

        clock.advance(Duration.ofMillis(999));
        assertThat(post(message("#a", "still too early")).status()).isEqualTo(429);
        clock.advance(Duration.ofMillis(1));
        assertThat(post(message("#a", "paced")).status()).isEqualTo(200);
        assertThat(slack.texts("#a")).containsExactly("burst 0", "burst 1", "burst 2", "paced");
        assertThat(rules()).containsExactly("rate-limit", "retry-after");
    }

    @Test
    void aConfiguredPaceWithoutBurstAllowsOneMessagePerInterval() {
        try (SlackStandIn strict = SlackStandIn.start(clock, Duration.ofSeconds(2), 1)) {
            slack = strict;
            assertThat(post(message("#a", "1")).status()).isEqualTo(200);
            Http.Response limited = post(message("#a", "2"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.headers().get("Retry-After")).isEqualTo("2");
            clock.advance(Duration.ofSeconds(2));
            assertThat(post(message("#a", "3")).status()).isEqualTo(200);
        }
    }

    @Test
    void enforcesSlacksLimitsAndSluicesTextLimit() {
        assertThat(json(post(message("#a", "x".repeat(40_001)))).path("error").asText()).isEqualTo("msg_too_long");
        assertThat(json(post(message("#b", "x".repeat(4_001)))).path("ok").asBoolean()).isTrue();
        assertThat(json(post(message("#c", null))).path("error").asText()).isEqualTo("no_text");

        ObjectNode blocks = message("#d", "fallback");
        ArrayNode list = blocks.putArray("blocks");
        for (int i = 0; i < 51; i++) {
            list.addObject().put("type", "divider");
        }
        assertThat(json(post(blocks)).path("error").asText()).isEqualTo("invalid_blocks");

        ObjectNode section = message("#e", "fallback");
        ObjectNode block = section.putArray("blocks").addObject().put("type", "section");
        block.putObject("text").put("type", "mrkdwn").put("text", "s".repeat(3_001));
        ArrayNode fields = block.putArray("fields");
        for (int i = 0; i < 11; i++) {
            fields.addObject().put("type", "mrkdwn").put("text", i == 0 ? "f".repeat(2_001) : "ok");
        }
        assertThat(json(post(section)).path("error").asText()).isEqualTo("invalid_blocks");

        ObjectNode attachments = message("#f", "fallback");
        ArrayNode atts = attachments.putArray("attachments");
        for (int i = 0; i < 101; i++) {
            atts.addObject().put("color", "danger").put("text", "a");
        }
        assertThat(json(post(attachments)).path("error").asText()).isEqualTo("too_many_attachments");

        assertThat(rules()).containsExactly("text-length", "sluice-text-length", "no-text", "blocks-count",
                "section-text", "fields-count", "field-text", "attachments-count");
        assertThat(slack.messages()).extracting(SlackMessage::channel).containsExactly("#b");
    }

    @Test
    void acceptsMessagesAtEveryLimit() {
        ObjectNode m = message("#a", "x".repeat(4_000));
        ArrayNode blocks = m.putArray("blocks");
        for (int i = 0; i < 49; i++) {
            blocks.addObject().put("type", "divider");
        }
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", "s".repeat(3_000));
        ArrayNode fields = section.putArray("fields");
        for (int i = 0; i < 10; i++) {
            fields.addObject().put("type", "plain_text").put("text", "f".repeat(2_000));
        }
        ArrayNode atts = m.putArray("attachments");
        for (int i = 0; i < 100; i++) {
            atts.addObject().put("color", i % 2 == 0 ? "warning" : "#36a64f").put("text", "a");
        }

        assertThat(json(post(m)).path("ok").asBoolean()).isTrue();
        assertThat(slack.messages().get(0).blockCount()).isEqualTo(50);
        assertThat(slack.messages().get(0).attachmentCount()).isEqualTo(100);
        assertThat(slack.violations()).isEmpty();
    }

    @Test
    void recordsUnescapedMarkupButAcceptsIt() {
        assertThat(json(post(message("#a", "a < b & c > d"))).path("ok").asBoolean()).isTrue();
        assertThat(json(post(message("#a2", "> quoted line\nand <!here> &gt; fine"))).path("ok").asBoolean())
                .isTrue();
        assertThat(slack.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("unescaped");
            assertThat(v.detail()).contains("'&'", "'<'", "'>'");
        });
    }

    @Test
    void answersScriptedErrorsStatusesAndRateLimits() {
        slack.failNext(1, "not_in_channel").failNext(1, "invalid_auth").failNextWithStatus(1, 503)
                .rateLimitNext(1, 30);

        assertThat(json(post(message("#a", "1"))).path("error").asText()).isEqualTo("not_in_channel");
        assertThat(json(post(message("#a", "2"))).path("error").asText()).isEqualTo("invalid_auth");
        assertThat(post(message("#a", "3")).status()).isEqualTo(503);
        Http.Response limited = post(message("#a", "4"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().get("Retry-After")).isEqualTo("30");
        clock.advance(Duration.ofSeconds(30));
        assertThat(json(post(message("#a", "5"))).path("ok").asBoolean()).isTrue();

        assertThat(slack.texts("#a")).containsExactly("5");
        assertThat(slack.violations()).as("scripted answers are not violations").isEmpty();
        assertThat(slack.requests()).isEqualTo(5);
    }

    @Test
    void catchesACallBeforeAScriptedRetryAfterElapsedPerChannel() {
        slack.rateLimitNext(1, 20);
        assertThat(post(message("#a", "limited")).status()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(19));
        Http.Response early = post(message("#a", "early"));
        Http.Response otherChannel = post(message("#b", "fine"));
        clock.advance(Duration.ofSeconds(1));
        Http.Response onTime = post(message("#a", "on time"));

        assertThat(early.status()).isEqualTo(429);
        assertThat(early.headers().get("Retry-After")).isEqualTo("1");
        assertThat(otherChannel.status()).isEqualTo(200);
        assertThat(onTime.status()).isEqualTo(200);
        assertThat(rules()).containsExactly("retry-after");
        assertThat(slack.texts("#a")).containsExactly("on time");
    }

    @Test
    void dropsDelaysAndGoesDown() {
        slack.dropNext(1).delayNext(1, Duration.ofMillis(20));
        Mono<Integer> dropped = HttpClient.create().headers(h -> h.set("Authorization", TOKEN)
                        .set("Content-Type", "application/json; charset=utf-8"))
                .post().uri(slack.apiBase() + "chat.postMessage")
                .send(reactor.netty.ByteBufFlux.fromString(Mono.just(message("#a", "lost").toString())))
                .response().map(r -> r.status().code());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dropped.block(Duration.ofSeconds(30)))
                .satisfies(e -> assertThat(Exceptions.unwrap(e)).as("reset or premature close")
                        .isInstanceOf(IOException.class));
        assertThat(json(post(message("#a", "slow"))).path("ok").asBoolean()).isTrue();

        slack.goDownUntil(clock.instant().plusSeconds(30));
        assertThat(post(message("#a", "down")).status()).isEqualTo(503);
        clock.advance(Duration.ofSeconds(30));
        assertThat(post(message("#a", "up")).status()).isEqualTo(200);
        assertThat(slack.texts("#a")).containsExactly("slow", "up");
    }

    @Test
    void takesIncomingWebhooks() {
        String url = slack.webhookUrl("ops");
        Http.Response ok = Http.post(url, h -> h.set("Content-Type", "application/json; charset=utf-8"),
                "{\"text\":\"deploy done\"}");
        Http.Response empty = Http.post(url, h -> h.set("Content-Type", "application/json; charset=utf-8"), "{}");
        slack.failNext(1, "channel_is_archived");
        Http.Response archived = Http.post(url, h -> h.set("Content-Type", "application/json; charset=utf-8"),
                "{\"text\":\"x\"}");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("ok");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).isEqualTo("no_text");
        assertThat(archived.status()).isEqualTo(410);
        assertThat(slack.messages("ops")).extracting(SlackMessage::text, SlackMessage::via)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("deploy done", "webhook"));
        assertThat(rules()).containsExactly("no-text");
    }
}
