package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One message the Slack stand-in accepted.
 *
 * @param channel the channel as the request named it ({@code #alerts}, {@code C0123ABCD}), or for an incoming webhook
 *     the last segment of its URL (the name given to {@link SlackStandIn#webhookUrl(String)})
 * @param via {@code chat.postMessage} or {@code webhook}
 * @param text the top-level {@code text}, or {@code null} when the message had none
 * @param ts the message timestamp the stand-in answered
 * @param receivedAt the stand-in clock's time when it was accepted
 * @param payload the whole JSON body (a private copy; changing it changes nothing in the stand-in)
 */
public record SlackMessage(String channel, String via, String text, String ts, Instant receivedAt, JsonNode payload) {

    /** Checks the required components and copies the payload. */
    public SlackMessage {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(receivedAt, "receivedAt");
        payload = Objects.requireNonNull(payload, "payload").deepCopy();
    }

    /** The payload (a copy, so that a test cannot change what the stand-in recorded). */
    @Override
    public JsonNode payload() {
        return payload.deepCopy();
    }

    /** The number of Block Kit blocks at the top level. */
    public int blockCount() {
        return payload.path("blocks").size();
    }

    /** The number of attachments. */
    public int attachmentCount() {
        return payload.path("attachments").size();
    }
}
