package dev.sluice.sinks.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.LogRecord;

/**
 * Encodes one record as the JSON object that {@code sluice ship} reads, plus {@code id} and
 * {@code schema}:
 * <pre>{"schema":1,"id":"…","time":"2026-11-23T20:29:29.123456789Z","logger":"app","level":"INFO",
 *  "message":"…","thread":"main","context":{…},"error":{"type":"…","message":"…","stack":"…"}}</pre>
 * {@code time} keeps the record's nanoseconds; {@code context} and {@code error} are left out
 * when empty. The {@link LogRecord#RECORD_ID} attribute is the {@code id}, not part of {@code context}. Context values that are not JSON scalars are written as their {@code toString()}.
 *
 * <p>Not thread-safe: one instance per sink, used only on the sink's runner thread (it reuses its
 * output buffer so that encoding a record allocates little beyond the result).
 */
final class RecordJson {

	/** The version of the record shape; a consumer rejects versions it does not know. */
	static final int SCHEMA = 1;

	private static final JsonFactory JSON = new JsonFactory();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

	/** The record as UTF-8 JSON, with {@code id} as its unique id. */
	byte[] encode(LogRecord record, String id) {
		out.reset();
		try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
			g.writeStartObject();
			g.writeNumberField("schema", SCHEMA);
			g.writeStringField("id", id);
			g.writeStringField("time", time(record.epochNanos()));
			g.writeStringField("logger", record.loggerName());
			g.writeStringField("level", record.level().name());
			g.writeStringField("message", record.message());
			g.writeStringField("thread", record.threadName());
			writeContext(g, record.attributes());
			Throwable thrown = record.thrown();
			if (thrown != null) {
				g.writeObjectFieldStart("error");
				g.writeStringField("type", thrown.getClass().getName());
				g.writeStringField("message", thrown.getMessage());
				g.writeStringField("stack", stack(thrown));
				g.writeEndObject();
			}
			g.writeEndObject();
		}
		catch (IOException e) {
			// A ByteArrayOutputStream does not fail; Jackson declares the exception anyway.
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	static String time(long epochNanos) {
		Instant instant = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
				Math.floorMod(epochNanos, 1_000_000_000L));
		return DateTimeFormatter.ISO_INSTANT.format(instant);
	}

	private static void writeContext(JsonGenerator g, Attributes attributes) throws IOException {
		if (attributes == null || attributes.isEmpty()
				|| attributes.size() == 1 && attributes.contains(LogRecord.RECORD_ID)) {
			return;
		}
		g.writeObjectFieldStart("context");
		for (int i = 0; i < attributes.size(); i++) {
			String key = attributes.keyAt(i);
			if (key.equals(LogRecord.RECORD_ID)) {
				continue; // written as "id"
			}
			Object v = attributes.valueAt(i);
			if (v == null) {
				g.writeNullField(key);
			}
			else if (v instanceof Boolean) {
				g.writeBooleanField(key, (Boolean) v);
			}
			else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
				g.writeNumberField(key, ((Number) v).longValue());
			}
			else if (v instanceof Double || v instanceof Float) {
				double d = ((Number) v).doubleValue();
				if (Double.isFinite(d)) {
					g.writeNumberField(key, d);
				}
				else {
					g.writeStringField(key, Double.toString(d));
				}
			}
			else {
				g.writeStringField(key, v.toString());
			}
		}
		g.writeEndObject();
	}

	private static String stack(Throwable thrown) {
		StringWriter w = new StringWriter(1024);
		try (PrintWriter p = new PrintWriter(w)) {
			thrown.printStackTrace(p);
		}
		return w.toString();
	}
}
