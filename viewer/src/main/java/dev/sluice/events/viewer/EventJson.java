package dev.sluice.events.viewer;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.sluice.events.Event;

/**
 * The JSON form of events in the viewer's API: one object per event with the event log's
 * attribute names in camel case, custom attributes under {@code attributes}, and the paging
 * cursor. Stateless, thread-safe.
 */
final class EventJson {

	private static final JsonFactory FACTORY = new JsonFactory();

	private EventJson() {
	}

	static String event(Event e) {
		return write(g -> writeEvent(g, e));
	}

	/** {@code {"events": [...], "next": cursor|null}}. */
	static String page(List<Event> events, String next) {
		return write(g -> {
			g.writeStartObject();
			g.writeArrayFieldStart("events");
			for (Event e : events) {
				writeEvent(g, e);
			}
			g.writeEndArray();
			if (next == null) {
				g.writeNullField("next");
			}
			else {
				g.writeStringField("next", next);
			}
			g.writeEndObject();
		});
	}

	static String error(String message) {
		return write(g -> {
			g.writeStartObject();
			g.writeStringField("error", message);
			g.writeEndObject();
		});
	}

	private static void writeEvent(JsonGenerator g, Event e) throws IOException {
		g.writeStartObject();
		g.writeStringField("id", e.id().toString());
		g.writeStringField("time", e.time().toString());
		g.writeStringField("level", e.level().label());
		g.writeStringField("priority", e.priority().label());
		g.writeStringField("category", e.category().label());
		optional(g, "module", e.module());
		optional(g, "message", e.message());
		optional(g, "detail", e.detail());
		optional(g, "entryPoint", e.entryPoint());
		optional(g, "user", e.user());
		optional(g, "operationId", e.operationId());
		optional(g, "activityId", e.activityId());
		g.writeBooleanField("primary", e.primary());
		if (e.duration() != null) {
			g.writeNumberField("durationMs", e.duration().toNanos() / 1e6);
		}
		optional(g, "comments", e.comments());
		g.writeObjectFieldStart("attributes");
		for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
			Object v = a.getValue();
			if (v instanceof Boolean) {
				g.writeBooleanField(a.getKey(), (Boolean) v);
			}
			else if (v instanceof Long || v instanceof Integer) {
				g.writeNumberField(a.getKey(), ((Number) v).longValue());
			}
			else if (v instanceof Number) {
				g.writeNumberField(a.getKey(), ((Number) v).doubleValue());
			}
			else if (v instanceof Instant) {
				g.writeStringField(a.getKey(), v.toString());
			}
			else {
				g.writeStringField(a.getKey(), String.valueOf(v));
			}
		}
		g.writeEndObject();
		g.writeStringField("cursor", e.cursor());
		g.writeEndObject();
	}

	private static void optional(JsonGenerator g, String name, String value) throws IOException {
		if (value != null) {
			g.writeStringField(name, value);
		}
	}

	private interface Body {
		void write(JsonGenerator g) throws IOException;
	}

	private static String write(Body body) {
		StringWriter out = new StringWriter(256);
		try (JsonGenerator g = FACTORY.createGenerator(out)) {
			body.write(g);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toString();
	}
}
