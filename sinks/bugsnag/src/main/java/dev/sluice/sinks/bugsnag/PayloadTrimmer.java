package dev.sluice.sinks.bugsnag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes a one-event payload fit the service's size limit (1 MB for the Error Reporting API) by
 * trimming, never by rejecting: first the breadcrumbs go, then the metaData, then stack frames
 * (keeping the innermost-call end of each trace, halving until it fits), and last the exception
 * messages are cut. What was trimmed is noted in a small {@code sluice} metaData tab.
 * Mutates the payload it is given; otherwise stateless and thread-safe.
 */
final class PayloadTrimmer {

	/** Bugsnag's documented limit for one payload. */
	static final int MAX_PAYLOAD_BYTES = 1_000_000;
	private static final int MESSAGE_FLOOR = 1_000;

	private final int limit;

	PayloadTrimmer(int limit) {
		this.limit = limit;
	}

	/** The payload's JSON bytes, at most the limit; trims {@code payload} in place when needed. */
	byte[] fit(ObjectNode payload) {
		byte[] bytes = write(payload);
		if (bytes.length <= limit) {
			return bytes;
		}
		ObjectNode event = (ObjectNode) payload.get("events").get(0);
		StringBuilder trimmed = new StringBuilder();
		if (event.has("breadcrumbs") && event.get("breadcrumbs").size() > 0) {
			event.putArray("breadcrumbs");
			bytes = note(event, trimmed, "breadcrumbs", payload);
			if (bytes.length <= limit) {
				return bytes;
			}
		}
		if (event.has("metaData")) {
			event.remove("metaData");
			bytes = note(event, trimmed, "metaData", payload);
			if (bytes.length <= limit) {
				return bytes;
			}
		}
		int longest = 0;
		for (JsonNode x : event.path("exceptions")) {
			longest = Math.max(longest, x.path("stacktrace").size());
		}
		for (int keep = longest / 2; keep >= 0; keep = keep == 0 ? -1 : keep / 2) {
			for (JsonNode x : event.path("exceptions")) {
				ArrayNode frames = (ArrayNode) x.get("stacktrace");
				while (frames != null && frames.size() > keep) {
					frames.remove(frames.size() - 1);
				}
			}
			bytes = note(event, trimmed, "stack frames beyond " + keep, payload);
			if (bytes.length <= limit) {
				return bytes;
			}
		}
		for (int max = 64_000; bytes.length > limit && max >= MESSAGE_FLOOR / 8; max /= 2) {
			for (JsonNode x : event.path("exceptions")) {
				String m = x.path("message").asText("");
				if (m.length() > max) {
					((ObjectNode) x).put("message", m.substring(0, max) + "… [cut]");
				}
			}
			bytes = note(event, trimmed, "exception messages", payload);
		}
		return bytes;
	}

	private byte[] note(ObjectNode event, StringBuilder trimmed, String what, ObjectNode payload) {
		if (trimmed.indexOf(what) < 0) {
			if (what.startsWith("stack frames")) {
				int i = trimmed.indexOf("stack frames");
				if (i >= 0) {
					int end = trimmed.indexOf(",", i);
					trimmed.delete(i, end < 0 ? trimmed.length() : end + 2);
				}
			}
			if (trimmed.length() > 0 && trimmed.charAt(trimmed.length() - 1) != ' ') {
				trimmed.append(", ");
			}
			trimmed.append(what);
		}
		ObjectNode md = event.has("metaData") ? (ObjectNode) event.get("metaData") : event.putObject("metaData");
		md.putObject("sluice").put("trimmed", "payload over " + limit + " bytes: removed " + trimmed);
		return write(payload);
	}

	static byte[] write(JsonNode payload) {
		try {
			return BugsnagEvents.JSON.writeValueAsBytes(payload);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("could not write a Bugsnag payload as JSON", e);
		}
	}
}
