package dev.sluice.layouts;

import java.math.BigDecimal;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON text appended straight into a builder: strings quoted by Jackson's encoder (no
 * intermediate strings), scalars written directly, anything else (maps, lists, beans) serialised
 * by a shared Jackson {@link ObjectMapper}. Thread-safe.
 */
final class JsonText {

	private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();
	private static final ObjectMapper MAPPER = new ObjectMapper();

	private JsonText() {
	}

	/** Appends {@code s} as a JSON string. */
	static void string(CharSequence s, StringBuilder out) {
		out.append('"');
		ENCODER.quoteAsString(s, out);
		out.append('"');
	}

	/** Appends {@code "key":}. */
	static void key(String key, StringBuilder out) {
		string(key, out);
		out.append(':');
	}

	/** Appends any value: null, booleans and finite numbers as themselves, strings quoted, others via Jackson. */
	static void value(Object v, StringBuilder out) {
		if (v == null) {
			out.append("null");
		}
		else if (v instanceof CharSequence) {
			string((CharSequence) v, out);
		}
		else if (v instanceof Boolean) {
			out.append(((Boolean) v).booleanValue());
		}
		else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
				|| v instanceof BigInteger) {
			out.append(v);
		}
		else if (v instanceof BigDecimal) {
			out.append(((BigDecimal) v).toString());
		}
		else if (v instanceof Double || v instanceof Float) {
			double d = ((Number) v).doubleValue();
			if (Double.isNaN(d) || Double.isInfinite(d)) {
				string(Double.toString(d), out);
			}
			else {
				out.append(v);
			}
		}
		else {
			try {
				out.append(MAPPER.writeValueAsString(v));
			}
			catch (JsonProcessingException | RuntimeException e) {
				// a value Jackson cannot serialise is still shown, as its text
				string(String.valueOf(v), out);
			}
		}
	}
}
