package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * A Slack Web API ({@code chat.postMessage}) and incoming-webhook service on {@code 127.0.0.1} for tests.
 *
 * <p>{@code POST {apiBase}chat.postMessage} takes a JSON body ({@code Content-Type: application/json;
 * charset=utf-8}) with a bot or user token in {@code Authorization: Bearer xoxb-...}; it answers as Slack does, HTTP
 * 200 with {@code {"ok":true,"channel":...,"ts":...}} or {@code {"ok":false,"error":...}} ({@code not_authed},
 * {@code invalid_auth}, {@code invalid_json}, {@code channel_not_found}, {@code msg_too_long},
 * {@code invalid_blocks}, {@code too_many_attachments}, {@code no_text}). {@code POST /services/T/B/name} (see
 * {@link #webhookUrl}) is an incoming webhook: plain-text {@code ok} or an error code with Slack's status. Both are
 * paced per channel (default one message a second, bursts of 3): a message over the rate answers 429 with
 * {@code Retry-After} and {@code {"ok":false,"error":"ratelimited"}}, and a call to that channel before the
 * {@code Retry-After} elapsed (whether the 429 came from the pacing or was scripted) is answered 429 again. Message
 * limits: text up to 40,000 characters ({@code msg_too_long} above; over 4,000, Sluice's own limit, is recorded but
 * accepted), 50 blocks, section text of 3,000, 10 fields of 2,000, header text of 150 ({@code invalid_blocks}), 100
 * attachments ({@code too_many_attachments}), something to show ({@code no_text}); unescaped {@code & < >} outside
 * Slack's control sequences are recorded. Every broken rule, each 429 from the pacing and each early retry included,
 * is recorded in {@link #violations()}; scripted answers themselves are not (the test asked for them).
 *
 * <p>Faults are scripted in order, one per request: any Slack error code, any HTTP status, a scripted 429 with its
 * {@code Retry-After}, a slow answer (a timer, never a sleeping thread) or a dropped connection; the stand-in can also
 * be down (503) until an instant of its clock or until {@link #comeUp()}.
 *
 * <p>Thread-safety: requests are served on Netty event loops without blocking; every other method may be called from
 * any thread. {@link #start} and {@link #close} block the calling (test) thread while the server binds or unbinds.
 */
public final class SlackStandIn extends ScriptedStandIn<SlackStandIn> {

    /** The default pacing: one message per channel per second... */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** ...with up to three in a row after a quiet period. */
    public static final int DEFAULT_BURST = 3;

    static final String API_PREFIX = "/api/";
    static final String POST_MESSAGE = "chat.postMessage";
    static final String WEBHOOK = "webhook";

    private static final Pattern TOKEN = Pattern.compile("Bearer xox[bp]-[A-Za-z0-9-]+");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CDG][A-Z0-9]{8,}");
    private static final Pattern WEBHOOK_PATH = Pattern.compile("/services/[A-Za-z0-9]+/[A-Za-z0-9]+/([^/]+)");

    private final Clock clock;
    private final ChannelRateLimiter rate;
    private final RetryAfterLedger retryAfter;
    private final CopyOnWriteArrayList<SlackMessage> messages = new CopyOnWriteArrayList<>();
    private final Map<String, String> channelIds = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger tsCounter = new AtomicInteger();
    private final AtomicInteger channelCounter = new AtomicInteger();
    private final LoopbackHttpServer server;

    private SlackStandIn(Clock clock, Duration interval, int burst) {
        super(clock);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rate = new ChannelRateLimiter(clock, interval, burst);
        this.retryAfter = new RetryAfterLedger(clock);
        Json.warmUp();
        this.server = LoopbackHttpServer.start(this::serve, violations);
    }

    /** Starts a stand-in on a free port with the system clock and the default pacing. */
    public static SlackStandIn start() {
        return new SlackStandIn(Clock.systemUTC(), DEFAULT_INTERVAL, DEFAULT_BURST);
    }

    /** Starts a stand-in whose pacing and timestamps follow {@code clock} (for example a {@link ManualClock}). */
    public static SlackStandIn start(Clock clock) {
        return new SlackStandIn(clock, DEFAULT_INTERVAL, DEFAULT_BURST);
    }

    /**
     * Starts a stand-in that lets each channel post one message per {@code interval}, and {@code burst} in a row
     * after a quiet period.
     *
     * @throws IllegalArgumentException when the interval is not positive or the burst is below 1
     */
    public static SlackStandIn start(Clock clock, Duration interval, int burst) {
        return new SlackStandIn(clock, interval, burst);
    }

    /** The Web API base URL, with its trailing slash, as slack_sdk's {@code base_url} and Sluice's {@code endpoint}. */
    public String apiBase() {
        return server.baseUrl() + API_PREFIX;
    }

    /** An incoming-webhook URL whose messages are recorded under the channel {@code name}. */
    public String webhookUrl(String name) {
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("a webhook name is one non-empty URL segment, was '" + name + "'");
        }
        return server.baseUrl() + "/services/T00000000/B00000000/" + name;
    }

    /** The port the stand-in listens on. */
    public int port() {
        return server.port();
    }

    // ----------------------------------------------------------------------------------------------- faults

    /**
     * The next {@code times} requests answer Slack's {@code {"ok":false,"error":error}} (HTTP 200 for the Web API; for
     * webhooks the plain-text code with Slack's status, 400 unless the code has its own), for example
     * {@code invalid_auth}, {@code channel_not_found}, {@code not_in_channel}, {@code msg_too_long},
     * {@code ratelimited} or {@code service_unavailable}.
     */
    public SlackStandIn failNext(int times, String error) {
        faults.add(Fault.answer(null, 200, Objects.requireNonNull(error, "error"), -1), times);
        return this;
    }

    /** The next {@code times} requests answer HTTP {@code status} (for example 500 or 503) with a plain-text body. */
    public SlackStandIn failNextWithStatus(int times, int status) {
        faults.add(Fault.answer(null, status, null, -1), times);
        return this;
    }

    /** The next {@code times} requests answer 429 with {@code Retry-After: retryAfterSeconds}, as if rate limited. */
    public SlackStandIn rateLimitNext(int times, int retryAfterSeconds) {
        faults.add(Fault.answer(null, 429, "ratelimited", retryAfterSeconds), times);
        return this;
    }

    // ----------------------------------------------------------------------------------------------- read-back

    /** Every accepted message, in the order accepted. */
    public List<SlackMessage> messages() {
        return List.copyOf(messages);
    }

    /** The accepted messages of one channel (as the requests named it, or a webhook's name), in order. */
    public List<SlackMessage> messages(String channel) {
        List<SlackMessage> out = new ArrayList<>();
        for (SlackMessage m : messages) {
            if (m.channel().equals(channel)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The texts of one channel's accepted messages, in order. */
    public List<String> texts(String channel) {
        List<String> out = new ArrayList<>();
        for (SlackMessage m : messages(channel)) {
            out.add(m.text());
        }
        return out;
    }

    /** The number of requests received, faulted and rejected ones included. */
    public int requests() {
        return requests.get();
    }

    /** The number of requests the per-channel pacing answered with 429 (scripted 429s not included). */
    public int rateLimited() {
        return rateLimited.get();
    }

    /** Stops the server; blocks the calling thread until it is unbound. */
    @Override
    public void close() {
        server.close();
    }

    // ----------------------------------------------------------------------------------------------- serving

    private Mono<Answer> serve(Received req) {
        requests.incrementAndGet();
        boolean webhook = req.path().startsWith("/services/");
        String where = webhook ? WEBHOOK : req.path().startsWith(API_PREFIX)
                ? req.path().substring(API_PREFIX.length()) : req.path();
        if (!"POST".equals(req.method())) {
            violations.add(where, "http-method", "Slack calls are POST, this one was " + req.method());
        }
        if (!webhook) {
            Answer refused = checkApiRequest(req, where);
            if (refused != null) {
                return Mono.just(refused);
            }
        }
        String channel = channelOf(req, webhook);
        Duration early = channel == null ? null : retryAfter.early(channel);
        if (early != null) {
            long wait = RetryAfterLedger.seconds(early);
            violations.add(where, "retry-after", "channel " + channel + " was called again " + wait
                    + " s before the Retry-After it was given elapsed (answered 429 again)");
            return Mono.just(SlackAnswers.rateLimited(wait, webhook));
        }
        if (faults.isDown()) {
            return Mono.just(Answer.of(503, "text/plain; charset=utf-8", "service unavailable"));
        }
        Fault fault = faults.take(where);
        if (fault == null) {
            return Mono.fromSupplier(() -> handle(req, where, webhook));
        }
        switch (fault.kind()) {
            case ANSWER:
                return Mono.just(scripted(fault, channel, webhook));
            case DELAY:
                return Mono.delay(fault.delay()).map(x -> handle(req, where, webhook));
            default:
                return Mono.just(Answer.dropConnection());
        }
    }

    /** The channel a request posts to (a webhook's name), or null when it names none or is not JSON. */
    private static String channelOf(Received req, boolean webhook) {
        if (webhook) {
            var m = WEBHOOK_PATH.matcher(req.path());
            return m.matches() ? m.group(1) : null;
        }
        try {
            String channel = SlackAnswers.JSON.readTree(req.body()).path("channel").asText("");
            return channel.isEmpty() ? null : channel;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Method and token checks of a Web API call; an answer when the call is refused, null to go on. */
    private Answer checkApiRequest(Received req, String method) {
        if (!req.path().startsWith(API_PREFIX)) {
            violations.add(method, "path", "Web API calls go to " + API_PREFIX + "<method>, this one to "
                    + req.path());
            return Answer.of(404, "text/plain; charset=utf-8", "not found");
        }
        if (!method.equals(POST_MESSAGE)) {
            violations.add(method, "unsupported-method", "the stand-in implements only " + POST_MESSAGE);
            return SlackAnswers.apiError("unknown_method");
        }
        String authorization = req.header("Authorization");
        if (authorization == null) {
            violations.add(method, "auth", "no Authorization header; send 'Authorization: Bearer xoxb-...'");
            return SlackAnswers.apiError("not_authed");
        }
        if (!TOKEN.matcher(authorization).matches()) {
            violations.add(method, "auth", "Authorization is not 'Bearer xoxb-...' or 'Bearer xoxp-...'");
            return SlackAnswers.apiError("invalid_auth");
        }
        return null;
    }

    private Answer handle(Received req, String where, boolean webhook) {
        String contentType = req.header("Content-Type");
        String lower = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        boolean missingCharset = false;
        if (!lower.startsWith("application/json")) {
            violations.add(where, "content-type", "Content-Type must be application/json; charset=utf-8, was "
                    + contentType);
        } else if (!lower.contains("charset=utf-8")) {
            violations.add(where, "content-type", "Content-Type lacks charset=utf-8 (Slack warns missing_charset): "
                    + contentType);
            missingCharset = true;
        }
        JsonNode body;
        try {
            body = SlackAnswers.JSON.readTree(req.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            violations.add(where, "json", "the body is not a JSON object");
            return SlackAnswers.error(webhook ? "invalid_payload" : "invalid_json", webhook);
        }
        String channel = channelOf(req, webhook);
        if (channel == null) {
            violations.add(where, webhook ? "webhook-path" : "channel", webhook
                    ? "not an incoming-webhook URL: " + req.path() : "the message names no channel");
            return SlackAnswers.error(webhook ? "no_service" : "channel_not_found", webhook);
        }
        long wait = rate.acquire(channel);
        if (wait > 0) {
            rateLimited.incrementAndGet();
            retryAfter.told(channel, wait);
            violations.add(where, "rate-limit", "channel " + channel + " was sent a message faster than its pace"
                    + " (answered 429, Retry-After " + wait + ")");
            return SlackAnswers.rateLimited(wait, webhook);
        }
        String error = SlackMessageRules.check(where, body, violations);
        if (error != null) {
            return SlackAnswers.error(error, webhook);
        }
        Instant now = clock.instant();
        String ts = now.getEpochSecond() + "." + String.format("%06d", tsCounter.incrementAndGet() % 1_000_000);
        JsonNode text = body.get("text");
        messages.add(new SlackMessage(channel, webhook ? WEBHOOK : POST_MESSAGE,
                text == null || text.isNull() ? null : text.asText(), ts, now, body));
        if (webhook) {
            return Answer.of(200, "text/html", "ok");
        }
        ObjectNode ok = SlackAnswers.JSON.createObjectNode();
        ok.put("ok", true);
        ok.put("channel", channelId(channel));
        ok.put("ts", ts);
        ok.set("message", body);
        if (missingCharset) {
            ok.put("warning", "missing_charset");
            ok.putObject("response_metadata").putArray("warnings").add("missing_charset");
        }
        return Answer.json(200, ok.toString());
    }

    private String channelId(String channel) {
        if (CHANNEL_ID.matcher(channel).matches()) {
            return channel;
        }
        return channelIds.computeIfAbsent(channel, k -> String.format("C%08X", channelCounter.incrementAndGet()));
    }

    private Answer scripted(Fault fault, String channel, boolean webhook) {
        if (fault.status() == 429) {
            if (channel != null) {
                retryAfter.told(channel, fault.retryAfterSeconds());
            }
            return SlackAnswers.rateLimited(fault.retryAfterSeconds(), webhook);
        }
        if (fault.code() == null) {
            return SlackAnswers.status(fault.status());
        }
        return SlackAnswers.error(fault.code(), webhook);
    }
}
