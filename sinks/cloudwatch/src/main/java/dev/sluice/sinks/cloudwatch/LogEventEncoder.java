package dev.sluice.sinks.cloudwatch;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.sinks.delivery.Entry;

/**
 * Turns records into CloudWatch events: the stream name, the message (the layout's text, or a JSON
 * object with the extra fields when {@code json_serialize_default} is on), cut at a UTF-8
 * boundary with a marker when over {@code max_message_size}; and decides which records must not be
 * sent because the service would reject them (empty, older than 14 days or the group's
 * retention, more than 2 hours ahead). Used on the sink's runner thread only.
 */
final class LogEventEncoder {

	/** Appended to a message cut at {@code max_message_size}. */
	static final String TRUNCATION_MARKER = " [truncated by Sluice]";
	static final String EMPTY = "empty_message";
	static final String TOO_OLD = "too_old";
	static final String EXPIRED = "expired";
	static final String TOO_NEW = "too_new";

	private static final long MAX_AGE_MILLIS = Duration.ofDays(14).toMillis();
	private static final long MAX_AHEAD_MILLIS = Duration.ofHours(2).toMillis();
	private static final JsonFactory JSON = new JsonFactory();

	private final StreamNameTemplate streams;
	private final Layout layout;
	private final boolean json;
	private final int maxMessageSize;
	private final Integer retentionDays;
	private final Clock clock;

	LogEventEncoder(StreamNameTemplate streams, Layout layout, boolean json, int maxMessageSize, Integer retentionDays,
			Clock clock) {
		this.streams = streams;
		this.layout = layout;
		this.json = json;
		this.maxMessageSize = maxMessageSize;
		this.retentionDays = retentionDays;
		this.clock = clock;
	}

	/** Accumulates the records that must not be sent, by reason. */
	interface Rejects {
		void reject(LogRecord record, String reason);
	}

	/** The entry of {@code record}, or null when it must not be sent (then {@code rejects} says why). */
	Entry<LogEvent> encode(LogRecord record, Rejects rejects) {
		long ts = record.epochMillis();
		long now = clock.millis();
		if (ts < now - MAX_AGE_MILLIS) {
			rejects.reject(record, TOO_OLD);
			return null;
		}
		if (retentionDays != null && ts < now - Duration.ofDays(retentionDays).toMillis()) {
			rejects.reject(record, EXPIRED);
			return null;
		}
		if (ts > now + MAX_AHEAD_MILLIS) {
			rejects.reject(record, TOO_NEW);
			return null;
		}
		String message = truncate(json ? json(record) : layout.format(record));
		if (message.isEmpty()) {
			rejects.reject(record, EMPTY);
			return null;
		}
		LogEvent event = new LogEvent(streams.resolve(record), ts, message);
		return Entry.of(record, event, Utf8.length(message) + LogEvent.OVERHEAD);
	}

	String truncate(String message) {
		if (message.length() * 3L <= maxMessageSize || Utf8.length(message) <= maxMessageSize) {
			return message;
		}
		long room = maxMessageSize - Utf8.length(TRUNCATION_MARKER);
		return message.substring(0, Utf8.prefixFitting(message, room)) + TRUNCATION_MARKER;
	}

	private String json(LogRecord record) {
		StringWriter w = new StringWriter(128);
		try (JsonGenerator g = JSON.createGenerator(w)) {
			g.writeStartObject();
			g.writeStringField("message", layout.format(record));
			record.attributes().forEach((k, v) -> {
				if (!"message".equals(k)) {
					write(g, k, v);
				}
			});
			g.writeEndObject();
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot write JSON to a string", e);
		}
		return w.toString();
	}

	private static void write(JsonGenerator g, String key, Object v) {
		try {
			g.writeFieldName(key);
			value(g, v);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** JSON's own types as themselves; anything else as its string form, as watchtower's {@code default=str}. */
	private static void value(JsonGenerator g, Object v) throws IOException {
		if (v == null) {
			g.writeNull();
		}
		else if (v instanceof String) {
			g.writeString((String) v);
		}
		else if (v instanceof Boolean) {
			g.writeBoolean((Boolean) v);
		}
		else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
			g.writeNumber(((Number) v).longValue());
		}
		else if (v instanceof Double || v instanceof Float) {
			double d = ((Number) v).doubleValue();
			if (Double.isFinite(d)) {
				g.writeNumber(d);
			}
			else {
				g.writeString(Double.toString(d));
			}
		}
		else if (v instanceof java.math.BigDecimal) {
			g.writeNumber((java.math.BigDecimal) v);
		}
		else if (v instanceof java.math.BigInteger) {
			g.writeNumber((java.math.BigInteger) v);
		}
		else if (v instanceof Map) {
			g.writeStartObject();
			for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
				g.writeFieldName(String.valueOf(e.getKey()));
				value(g, e.getValue());
			}
			g.writeEndObject();
		}
		else if (v instanceof Collection) {
			g.writeStartArray();
			for (Object o : (Collection<?>) v) {
				value(g, o);
			}
			g.writeEndArray();
		}
		else {
			g.writeString(String.valueOf(v));
		}
	}
}
