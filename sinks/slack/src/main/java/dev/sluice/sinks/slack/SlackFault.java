package dev.sluice.sinks.slack;

import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Slack's failure answers, told apart as the issue lists them. Transient ({@code ratelimited},
 * {@code rate_limited}, HTTP 429, {@code service_unavailable}, {@code fatal_error},
 * {@code internal_error}, {@code request_timeout}, 408, 5xx): sent again after the
 * {@code Retry-After} or a backoff. Permanent ({@code invalid_auth}, {@code not_authed},
 * {@code token_revoked}, {@code token_expired}, {@code account_inactive},
 * {@code channel_not_found}, {@code not_in_channel}, {@code is_archived}, {@code msg_too_long},
 * {@code msg_blocks_too_long}, {@code invalid_blocks}, {@code too_many_attachments},
 * {@code no_text}, the webhook's codes, any other error code or 4xx): not sent again, and
 * reported once with what the user must do. Immutable.
 */
final class SlackFault {

	private static final Set<String> RATE_LIMITED = Set.of("ratelimited", "rate_limited");
	private static final Set<String> RETRYABLE = Set.of("service_unavailable", "fatal_error", "internal_error",
			"request_timeout");
	private static final Set<String> BAD_TOKEN = Set.of("invalid_auth", "not_authed", "token_revoked",
			"token_expired", "account_inactive", "invalid_token", "team_disabled");
	private static final Set<String> BAD_MESSAGE = Set.of("msg_too_long", "msg_blocks_too_long", "invalid_blocks",
			"too_many_attachments", "no_text", "invalid_payload", "invalid_attachments", "invalid_json");

	private final boolean permanent;
	private final String reason;
	private final String advice;
	private final Duration retryAfter;

	private SlackFault(boolean permanent, String reason, String advice, Duration retryAfter) {
		this.permanent = permanent;
		this.reason = reason;
		this.advice = advice;
		this.retryAfter = retryAfter;
	}

	/**
	 * Reads one reply; null when Slack accepted the message.
	 *
	 * @param target what was posted to, for the advice ("channel #general")
	 */
	static SlackFault of(SlackReply reply, boolean webhook, String target) {
		int status = reply.status();
		String code = webhook ? webhookCode(reply) : apiCode(reply);
		if (status == 429 || (code != null && RATE_LIMITED.contains(code))) {
			return new SlackFault(false, "ratelimited", null, reply.retryAfter());
		}
		if (status >= 500 || status == 408) {
			return new SlackFault(false, "http_" + status, null, reply.retryAfter());
		}
		if (code == null) {
			if (status >= 200 && status < 300) {
				return null;
			}
			return permanent("http_" + status, "Slack answered HTTP " + status + " for " + target
					+ "; check the endpoint or webhook_url");
		}
		if (RETRYABLE.contains(code)) {
			return new SlackFault(false, code, null, reply.retryAfter());
		}
		return permanent(code, advice(code, target));
	}

	private static SlackFault permanent(String code, String advice) {
		return new SlackFault(true, "slack_" + code, advice, null);
	}

	/** The Web API's {@code error}, null for {@code "ok": true}, {@code "unreadable_reply"} when not JSON. */
	private static String apiCode(SlackReply reply) {
		if (reply.status() != 200) {
			return reply.status() == 429 ? "ratelimited" : null;
		}
		try {
			JsonNode json = SlackMessages.JSON.readTree(reply.body());
			if (json != null && json.path("ok").asBoolean(false)) {
				return null;
			}
			String error = json == null ? "" : json.path("error").asText("");
			return error.isEmpty() ? "unreadable_reply" : error;
		}
		catch (java.io.IOException e) {
			return "unreadable_reply";
		}
	}

	/** An incoming webhook answers {@code ok} as plain text, or an error code with a 4xx status. */
	private static String webhookCode(SlackReply reply) {
		if (reply.status() >= 200 && reply.status() < 300) {
			return null;
		}
		String body = reply.body().trim();
		return body.matches("[a-z_]{2,64}") ? body : null;
	}

	private static String advice(String code, String target) {
		if (BAD_TOKEN.contains(code)) {
			return "Slack refused the credentials (" + code + ") for " + target + ": create a bot token (xoxb-...)"
					+ " with the chat:write scope under your Slack app's 'OAuth & Permissions', or a new incoming"
					+ " webhook, and update the handler's api_key or webhook_url";
		}
		switch (code) {
			case "channel_not_found":
				return "Slack has no " + target + " that the app can see (channel_not_found): check the handler's"
						+ " channel, and invite the app to a private channel";
			case "not_in_channel":
				return "the app is not a member of " + target + " (not_in_channel): invite it in Slack with"
						+ " /invite @<your app> (/invite @Jibe in Jibe's set-up)";
			case "is_archived":
			case "channel_is_archived":
				return target + " is archived (" + code + "): unarchive it or set another channel";
			case "unreadable_reply":
				return "Slack's reply for " + target + " was not the JSON of the Web API: check the handler's endpoint";
			default:
				if (BAD_MESSAGE.contains(code)) {
					return "Slack rejected the message's layout (" + code + ") for " + target + ": this is a bug in"
							+ " Sluice's Slack sink, please report it with the handler's formatter";
				}
				return "Slack answered '" + code + "' for " + target + " (see"
						+ " https://api.slack.com/methods/chat.postMessage#errors); the records are not sent again";
		}
	}

	boolean isPermanent() {
		return permanent;
	}

	/** A short tag: the drop reason and metrics tag ({@code slack_not_in_channel}, {@code ratelimited}). */
	String reason() {
		return reason;
	}

	/** What the user must do (permanent faults), never a secret. */
	String advice() {
		return advice;
	}

	/** The wait Slack asked for, or null. */
	Duration retryAfter() {
		return retryAfter;
	}

	@Override
	public String toString() {
		return (permanent ? "permanent " : "transient ") + reason
				+ (retryAfter != null ? " (Retry-After " + retryAfter.toSeconds() + " s)" : "");
	}
}
