package dev.sluice.layouts;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Layouts;

/**
 * python-json-logger's {@code JsonFormatter} ({@code pythonjsonlogger.jsonlogger.JsonFormatter},
 * and {@code pythonjsonlogger.json.JsonFormatter} of its later versions): one JSON object per
 * record, as {@code json.dumps} writes it. The fields are those named in the format
 * ({@code %(asctime)s %(levelname)s %(message)s}, in that order, renamed by
 * {@code rename_fields}), then {@code static_fields}, then {@code exc_info} when the record has a
 * throwable, then the record's attributes (Python's {@code extra}: the unit of work's and the
 * call's) other than those and Python's reserved record attributes, then the {@code timestamp}
 * when asked for. Values keep their Python types (numbers, strings, null); other objects are
 * written as their text. Immutable, thread-safe.
 */
public final class PythonJsonFormatter implements Layout {

	/** The class names dictConfig files use for it. */
	public static final Set<String> CLASS_NAMES = Set.of("pythonjsonlogger.jsonlogger.JsonFormatter",
			"pythonjsonlogger.json.JsonFormatter");

	/** python-json-logger's RESERVED_ATTRS: record attributes that are never written as extras. */
	static final List<String> RESERVED = List.of("args", "asctime", "created", "exc_info", "exc_text", "filename",
			"funcName", "levelname", "levelno", "lineno", "module", "msecs", "message", "msg", "name", "pathname",
			"process", "processName", "relativeCreated", "stack_info", "thread", "threadName");

	private static final Pattern FIELD = Pattern.compile("\\((.+?)\\)");

	private final PythonFormatter text;
	private final List<String> fields;
	private final Map<String, String> rename;
	private final Map<String, Object> staticFields;
	private final Set<String> skip;
	private final String timestampKey;
	private final boolean ensureAscii;
	private final String prefix;

	private PythonJsonFormatter(Builder b) {
		PythonFormatter.Builder tb = PythonFormatter.builder().format(b.format).datefmt(b.datefmt).utc(b.utc);
		if (b.pid != null) {
			tb.pid(b.pid);
		}
		this.text = tb.build();
		this.fields = new ArrayList<>();
		Matcher m = FIELD.matcher(text.formatString());
		while (m.find()) {
			fields.add(m.group(1));
		}
		this.rename = Map.copyOf(b.rename);
		this.staticFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.staticFields));
		Set<String> s = new HashSet<>(fields);
		s.addAll(b.reserved);
		this.skip = Set.copyOf(s);
		this.timestampKey = b.timestampKey;
		this.ensureAscii = b.ensureAscii;
		this.prefix = b.prefix;
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void format(LogRecord r, StringBuilder out) {
		FormatContext ctx = text.context();
		out.append(prefix).append('{');
		boolean[] first = {true};
		for (String f : fields) {
			entry(rename.getOrDefault(f, f), field(r, ctx, f), out, first);
		}
		staticFields.forEach((k, v) -> entry(k, v, out, first));
		Throwable t = r.thrown();
		if (t != null) {
			String trace = Layouts.stackTrace(t);
			entry("exc_info", trace.endsWith("\n") ? trace.substring(0, trace.length() - 1) : trace, out, first);
		}
		r.attributes().forEach((k, v) -> {
			if (!skip.contains(k) && !k.startsWith("_") && !staticFields.containsKey(k)) {
				entry(k, v, out, first);
			}
		});
		if (timestampKey != null) {
			entry(timestampKey, new PyIsoTime(r.epochNanos()), out, first);
		}
		out.append('}');
	}

	/** The value of record attribute {@code name} with its Python type; null (None) when the record has none. */
	private static Object field(LogRecord r, FormatContext ctx, String name) {
		PyAttribute a = PyAttribute.byName(name);
		if (a == PyAttribute.EXTRA) {
			if ("exc_info".equals(name) || "exc_text".equals(name) || "stack_info".equals(name)) {
				return null;
			}
			if ("args".equals(name)) {
				return List.of(r.arguments());
			}
			return r.attributes().get(name);
		}
		if (a == PyAttribute.MESSAGE) {
			return r.message(); // the message as it is, never escaped here: JSON escapes it
		}
		return a.value(r, ctx, name, 's');
	}

	private void entry(String key, Object value, StringBuilder out, boolean[] first) {
		if (!first[0]) {
			out.append(", ");
		}
		first[0] = false;
		string(key, out);
		out.append(": ");
		value(value, out);
	}

	/** {@code json.dumps} of a value: Python's JSON, with its separators and {@code ensure_ascii}. */
	private void value(Object v, StringBuilder out) {
		if (v == null) {
			out.append("null");
		}
		else if (v instanceof Boolean) {
			out.append(((Boolean) v) ? "true" : "false");
		}
		else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
				|| v instanceof BigInteger) {
			out.append(v);
		}
		else if (v instanceof Double || v instanceof Float) {
			double d = ((Number) v).doubleValue();
			out.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
					: PyNumbers.repr(d));
		}
		else if (v instanceof CharSequence) {
			string((CharSequence) v, out);
		}
		else if (v instanceof Map) {
			out.append('{');
			boolean[] first = {true};
			((Map<?, ?>) v).forEach((k, x) -> entry(String.valueOf(k), x, out, first));
			out.append('}');
		}
		else if (v instanceof Collection || v instanceof Object[]) {
			Collection<?> c = v instanceof Collection ? (Collection<?>) v : List.of((Object[]) v);
			out.append('[');
			boolean firstItem = true;
			for (Object x : c) {
				if (!firstItem) {
					out.append(", ");
				}
				firstItem = false;
				value(x, out);
			}
			out.append(']');
		}
		else {
			// python-json-logger's encoder: datetimes as isoformat(), anything else as str()
			string(v instanceof Instant ? new PyIsoTime((Instant) v).toString() : String.valueOf(v), out);
		}
	}

	/** A JSON string as Python's json module writes it (lower-case \\u escapes; non-ASCII escaped with ensure_ascii). */
	private void string(CharSequence s, StringBuilder out) {
		out.append('"');
		for (int i = 0, n = s.length(); i < n; i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"':
					out.append("\\\"");
					break;
				case '\\':
					out.append("\\\\");
					break;
				case '\n':
					out.append("\\n");
					break;
				case '\r':
					out.append("\\r");
					break;
				case '\t':
					out.append("\\t");
					break;
				case '\b':
					out.append("\\b");
					break;
				case '\f':
					out.append("\\f");
					break;
				default:
					if (c < 0x20 || (ensureAscii && c > 0x7e)) {
						out.append("\\u");
						String hex = Integer.toHexString(c);
						for (int k = hex.length(); k < 4; k++) {
							out.append('0');
						}
						out.append(hex);
					}
					else {
						out.append(c);
					}
			}
		}
		out.append('"');
	}

	@Override
	public boolean needsLocation() {
		return text.needsLocation();
	}

	@Override
	public String toString() {
		return "PythonJsonFormatter{" + fields + (timestampKey != null ? ", timestamp " + timestampKey : "") + '}';
	}

	/** {@code datetime.fromtimestamp(created, tz=timezone.utc).isoformat()} of a record's time. */
	private static final class PyIsoTime {
		private final long seconds;
		private final long micros;

		PyIsoTime(long epochNanos) {
			// as CPython: the float record.created, split with modf, microseconds rounded half to even
			double created = epochNanos / 1e9;
			double whole = Math.floor(created);
			long us = (long) Math.rint((created - whole) * 1e6);
			long s = (long) whole;
			if (us >= 1_000_000) {
				s += 1;
				us -= 1_000_000;
			}
			this.seconds = s;
			this.micros = us;
		}

		PyIsoTime(Instant t) {
			this.seconds = t.getEpochSecond();
			this.micros = t.getNano() / 1_000;
		}

		@Override
		public String toString() {
			java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC);
			StringBuilder sb = new StringBuilder(32);
			sb.append(String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(),
					t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
			if (micros != 0) {
				sb.append(String.format(java.util.Locale.ROOT, ".%06d", micros));
			}
			return sb.append("+00:00").toString();
		}
	}

	/** Builds a {@link PythonJsonFormatter} from python-json-logger's arguments; not thread-safe. */
	public static final class Builder {

		private String format;
		private String datefmt;
		private boolean utc;
		private Map<String, String> rename = Map.of();
		private Map<String, Object> staticFields = Map.of();
		private List<String> reserved = RESERVED;
		private String timestampKey;
		private boolean ensureAscii = true;
		private String prefix = "";
		private Long pid;

		private Builder() {
		}

		/** The process id written as {@code process} (default this JVM's; tests). */
		public Builder pid(long value) {
			this.pid = value;
			return this;
		}

		/** The format whose {@code %(name)} fields are written (default {@code %(message)s}). */
		public Builder format(String value) {
			this.format = value;
			return this;
		}

		public Builder datefmt(String value) {
			this.datefmt = value;
			return this;
		}

		/** {@code asctime} in UTC (Sluice's {@code utc}). */
		public Builder utc(boolean value) {
			this.utc = value;
			return this;
		}

		/** {@code rename_fields}: a format field's name in the output. */
		public Builder renameFields(Map<String, String> value) {
			this.rename = Map.copyOf(value);
			return this;
		}

		/** {@code static_fields}: written in every record (later python-json-logger versions). */
		public Builder staticFields(Map<String, ?> value) {
			this.staticFields = new LinkedHashMap<>(value);
			return this;
		}

		/** {@code reserved_attrs}: record attributes never written as extras. */
		public Builder reservedAttrs(List<String> value) {
			this.reserved = List.copyOf(value);
			return this;
		}

		/** {@code timestamp}: null or false for none, true for the key {@code timestamp}, or the key. */
		public Builder timestamp(String key) {
			this.timestampKey = key;
			return this;
		}

		/** {@code json_ensure_ascii} (default true). */
		public Builder ensureAscii(boolean value) {
			this.ensureAscii = value;
			return this;
		}

		/** {@code prefix}: text before the JSON object. */
		public Builder prefix(String value) {
			this.prefix = Objects.requireNonNull(value, "prefix");
			return this;
		}

		/** @throws IllegalArgumentException when the format is not one Python's Formatter takes */
		public PythonJsonFormatter build() {
			return new PythonJsonFormatter(this);
		}
	}
}
