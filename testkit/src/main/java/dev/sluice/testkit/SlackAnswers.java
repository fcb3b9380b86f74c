package dev.sluice.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The answers of Slack's Web API (JSON, HTTP 200 even for errors) and of its incoming webhooks (plain text). */
final class SlackAnswers {

    static final ObjectMapper JSON = Json.MAPPER;

    /** The HTTP status incoming webhooks answer for each error code; 400 for the others. */
    private static final Map<String, Integer> WEBHOOK_STATUS = Map.of("invalid_token", 403, "action_prohibited",
            403, "channel_not_found", 404, "no_service", 404, "channel_is_archived", 410, "user_not_found", 404,
            "team_disabled", 404);

    private SlackAnswers() {
    }

    static Answer rateLimited(long retryAfterSeconds, boolean webhook) {
        Answer a = webhook ? Answer.of(429, "text/plain; charset=utf-8", "rate_limited")
                : Answer.json(429, "{\"ok\":false,\"error\":\"ratelimited\"}");
        return a.withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    static Answer error(String error, boolean webhook) {
        return webhook ? webhookError(error) : apiError(error);
    }

    static Answer apiError(String error) {
        ObjectNode body = JSON.createObjectNode();
        body.put("ok", false);
        body.put("error", error);
        return Answer.json(200, body.toString());
    }

    static Answer webhookError(String error) {
        return Answer.of(WEBHOOK_STATUS.getOrDefault(error, 400), "text/plain; charset=utf-8", error);
    }

    static Answer status(int status) {
        return Answer.of(status, "text/plain; charset=utf-8", "HTTP " + status);
    }
}
