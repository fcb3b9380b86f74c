package dev.sluice.events;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * An event's custom attributes as the JSON object stored in its row ({@code attributes} column):
 * strings, booleans and integers as themselves, a decimal number always with a fraction or an
 * exponent (so that {@code 2.0} reads back as a decimal, not an integer), an Instant as
 * {@code {"t": epoch nanoseconds}} and a decimal JSON cannot write (NaN, infinities) as
 * {@code {"d": "NaN"}}. Names keep their order. Stateless and thread-safe.
 */
final class AttributeJson {

	private static final JsonFactory JSON = new JsonFactory();

	private AttributeJson() {
	}

	/** The JSON of {@code attributes}, or null when there are none. */
	static String write(Map<String, Object> attributes) {
		if (attributes.isEmpty()) {
			return null;
		}
		StringWriter out = new StringWriter(32 * attributes.size());
		try (JsonGenerator g = JSON.createGenerator(out)) {
			g.writeStartObject();
			for (Map.Entry<String, Object> a : attributes.entrySet()) {
				g.writeFieldName(a.getKey());
				writeValue(g, a.getValue());
			}
			g.writeEndObject();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e); // a StringWriter does not fail
		}
		return out.toString();
	}

	private static void writeValue(JsonGenerator g, Object v) throws IOException {
		if (v instanceof String) {
			g.writeString((String) v);
		}
		else if (v instanceof Long) {
			g.writeNumber((Long) v);
		}
		else if (v instanceof Double) {
			double d = (Double) v;
			if (Double.isNaN(d) || Double.isInfinite(d)) {
				g.writeStartObject();
				g.writeStringField("d", Double.toString(d));
				g.writeEndObject();
			}
			else {
				String text = Double.toString(d); // always has '.' or 'E': reads back as a decimal
				g.writeNumber(text);
			}
		}
		else if (v instanceof Boolean) {
			g.writeBoolean((Boolean) v);
		}
		else if (v instanceof Instant) {
			g.writeStartObject();
			g.writeNumberField("t", EventRows.nanos((Instant) v));
			g.writeEndObject();
		}
		else {
			throw new IllegalArgumentException("not a storable attribute value: " + v.getClass().getName());
		}
	}

	/**
	 * The attributes of a stored JSON object (null or empty: none).
	 *
	 * @throws IllegalArgumentException if {@code json} is not what {@link #write} makes
	 */
	static Map<String, Object> read(String json) {
		Map<String, Object> out = new LinkedHashMap<>();
		if (json == null || json.isEmpty()) {
			return out;
		}
		try (JsonParser p = JSON.createParser(json)) {
			expect(p.nextToken() == JsonToken.START_OBJECT, json);
			while (p.nextToken() == JsonToken.FIELD_NAME) {
				String name = p.getCurrentName();
				out.put(name, readValue(p, p.nextToken(), json));
			}
			expect(p.currentToken() == JsonToken.END_OBJECT, json);
		}
		catch (IOException e) {
			throw new IllegalArgumentException("stored attributes are not JSON: " + abbreviate(json), e);
		}
		return out;
	}

	private static Object readValue(JsonParser p, JsonToken t, String json) throws IOException {
		switch (t) {
		case VALUE_STRING:
			return p.getText();
		case VALUE_NUMBER_INT:
			return p.getLongValue();
		case VALUE_NUMBER_FLOAT:
			return p.getDoubleValue();
		case VALUE_TRUE:
			return Boolean.TRUE;
		case VALUE_FALSE:
			return Boolean.FALSE;
		case START_OBJECT:
			expect(p.nextToken() == JsonToken.FIELD_NAME, json);
			String kind = p.getCurrentName();
			JsonToken inner = p.nextToken();
			Object v;
			if (kind.equals("t") && inner == JsonToken.VALUE_NUMBER_INT) {
				v = EventRows.instant(p.getLongValue());
			}
			else if (kind.equals("d") && inner == JsonToken.VALUE_STRING) {
				v = Double.parseDouble(p.getText());
			}
			else {
				throw new IllegalArgumentException("stored attributes: unknown value {\"" + kind + "\": ...} in "
						+ abbreviate(json));
			}
			expect(p.nextToken() == JsonToken.END_OBJECT, json);
			return v;
		default:
			throw new IllegalArgumentException("stored attributes: unexpected " + t + " in " + abbreviate(json));
		}
	}

	private static void expect(boolean ok, String json) {
		if (!ok) {
			throw new IllegalArgumentException("stored attributes are not a JSON object of values: " + abbreviate(json));
		}
	}

	private static String abbreviate(String s) {
		return s.length() <= 200 ? s : s.substring(0, 200) + "...";
	}
}
