package dev.sluice.sinks.bugsnag;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Replaces the values of sensitive keys by {@code [REDACTED]}, at any depth. A key is sensitive
 * when it contains one of the redacted keys in any case, as bugsnag-python's filters match
 * ({@code user_password}, {@code X-Api_Key} and {@code Authorization} all match the defaults).
 * Mutates the tree it is given; thread-safe otherwise.
 */
final class Redactor {

	static final String REDACTED = "[REDACTED]";

	private final List<String> keys;

	/** @param lowerCaseKeys the redacted keys, in lower case */
	Redactor(List<String> lowerCaseKeys) {
		this.keys = lowerCaseKeys;
	}

	boolean isSensitive(String key) {
		String k = key.toLowerCase(Locale.ROOT);
		for (String r : keys) {
			if (k.contains(r)) {
				return true;
			}
		}
		return false;
	}

	/** Redacts {@code node} and everything under it, in place. */
	void redact(JsonNode node) {
		if (node == null) {
			return;
		}
		if (node.isObject()) {
			ObjectNode o = (ObjectNode) node;
			for (Map.Entry<String, JsonNode> e : o.properties()) {
				if (isSensitive(e.getKey())) {
					e.setValue(o.textNode(REDACTED));
				}
				else {
					redact(e.getValue());
				}
			}
		}
		else if (node.isArray()) {
			for (JsonNode child : node) {
				redact(child);
			}
		}
	}
}
