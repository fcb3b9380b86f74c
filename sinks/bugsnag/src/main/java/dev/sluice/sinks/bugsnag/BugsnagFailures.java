package dev.sluice.sinks.bugsnag;

import dev.sluice.sinks.delivery.Failure;

/**
 * The notify endpoint's answers, as the issue lists them: any 2xx is success; 408, 429 (with its
 * {@code Retry-After}) and 5xx are retried with backoff; any other 4xx (400, 401, 413) is
 * permanent and reported once with what to do. Pure.
 */
final class BugsnagFailures {

	private BugsnagFailures() {
	}

	/** The failure of {@code reply}, or null for success. */
	static Failure of(BugsnagApi.Reply reply) {
		int s = reply.status;
		if (s >= 200 && s < 300) {
			return null;
		}
		if (s == 429) {
			return Failure.throttled("http_429", reply.retryAfter);
		}
		if (s == 408 || s >= 500) {
			return Failure.transientFailure("http_" + s, reply.retryAfter);
		}
		switch (s) {
			case 401:
			case 403:
				return Failure.permanent("http_" + s, "Bugsnag refused the api_key (HTTP " + s + "): copy the"
						+ " notifier API key from the project's settings in Bugsnag into the handler's api_key");
			case 400:
				return Failure.permanent("http_400", "Bugsnag rejected the payload as malformed (HTTP 400): this is a"
						+ " bug in Sluice's Bugsnag sink, please report it");
			case 413:
				return Failure.permanent("http_413", "Bugsnag rejected a payload as too large (HTTP 413) although it"
						+ " was trimmed under 1 MB: check the endpoint's limit (on-premise Bugsnag)");
			case 404:
				return Failure.permanent("http_404", "no notify endpoint at the handler's endpoint (HTTP 404): check"
						+ " its URL");
			default:
				return Failure.permanent("http_" + s, "Bugsnag answered HTTP " + s + "; the event is not sent again");
		}
	}
}
