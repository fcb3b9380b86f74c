package dev.sluice.sinks.slack;

import java.time.Duration;

/**
 * What Slack answered to one call: the HTTP status, the {@code Retry-After} it gave (or null),
 * and the body (JSON for the Web API, plain text for an incoming webhook). Immutable.
 */
final class SlackReply {

	private final int status;
	private final Duration retryAfter;
	private final String body;

	SlackReply(int status, Duration retryAfter, String body) {
		this.status = status;
		this.retryAfter = retryAfter;
		this.body = body == null ? "" : body;
	}

	/** Parses a {@code Retry-After} header of whole seconds; null when absent or not a number. */
	static Duration parseRetryAfter(String header) {
		if (header == null) {
			return null;
		}
		try {
			long seconds = Long.parseLong(header.trim());
			return seconds < 0 ? null : Duration.ofSeconds(seconds);
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	int status() {
		return status;
	}

	Duration retryAfter() {
		return retryAfter;
	}

	String body() {
		return body;
	}

	@Override
	public String toString() {
		return "SlackReply{" + status + (retryAfter != null ? ", Retry-After " + retryAfter.toSeconds() + " s" : "")
				+ ", " + (body.length() > 200 ? body.substring(0, 200) + "…" : body) + '}';
	}
}
