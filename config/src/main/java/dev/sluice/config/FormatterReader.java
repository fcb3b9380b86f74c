package dev.sluice.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one entry of a dictConfig's {@code formatters} section, adding a problem for everything wrong.
 * Not thread-safe; one instance serves one {@link ConfigReader}.
 */
final class FormatterReader {

	static final List<String> FORMATTER_KEYS = List.of("format", "fmt", "datefmt", "style", "validate", "class",
			"defaults", "utc", "()");

	private final Problems problems;
	private final Values values;

	FormatterReader(Problems problems, Values values) {
		this.problems = problems;
		this.values = values;
	}

	/** The formatter at {@code ptr}, or null when it has a problem. */
	FormatterDef read(Object v, String ptr) {
		Map<String, Object> m = values.object(v, ptr);
		if (m == null) {
			return null;
		}
		int before = problems.size();
		String factory = m.get("()") instanceof String ? (String) m.get("()") : null;
		String cls = m.get("class") instanceof String ? (String) m.get("class") : null;
		String named = factory != null ? factory : cls;
		boolean json = named != null && dev.sluice.layouts.PythonJsonFormatter.CLASS_NAMES.contains(named);
		if (StructuredLayouts.names(named)) {
			// Sluice's own JSON layouts: their options, no Python format
			values.onlyKeys(m, ptr, StructuredLayouts.KEYS.get(named), "a " + named.substring(named.lastIndexOf('.') + 1));
			Map<String, Object> options = StructuredLayouts.options(named, m, ptr, values);
			if (m.containsKey("class") && m.containsKey("()")) {
				problems.add(Problems.child(ptr, "()"), "expected either 'class' or '()', found both");
			}
			if (problems.size() > before) {
				return null;
			}
			try {
				StructuredLayouts.layout(named, options);
			}
			catch (IllegalArgumentException e) {
				problems.add(ptr, "expected options the layout can use; " + e.getMessage());
				return null;
			}
			return new FormatterDef(null, null, "%", true, false, named, Map.of(), options);
		}
		boolean uvicorn = named != null && UvicornFormatters.NAMES.contains(named);
		values.onlyKeys(m, ptr, json ? JSON_FORMATTER_KEYS : uvicorn ? UVICORN_KEYS : FORMATTER_KEYS,
				json ? "a JSON formatter" : uvicorn ? "a " + named : "a formatter");
		factory = m.containsKey("()") ? values.string(m.get("()"), Problems.child(ptr, "()")) : null;
		cls = m.containsKey("class") ? values.string(m.get("class"), ptr + "/class") : null;
		if (factory != null && cls != null) {
			problems.add(Problems.child(ptr, "()"), "expected either 'class' or '()', found both");
		}
		String className = factory != null ? factory : cls != null ? cls : FormatterDef.FORMATTER_CLASS;
		if (!FormatterDef.FORMATTER_CLASS.equals(className) && !json && !uvicorn
				&& !Formatters.DJANGO_SERVER.equals(className)) {
			problems.add(factory != null ? Problems.child(ptr, "()") : ptr + "/class", "expected formatter class "
					+ FormatterDef.FORMATTER_CLASS + ", Django's " + Formatters.DJANGO_SERVER + ", uvicorn's "
					+ UvicornFormatters.DEFAULT + " or " + UvicornFormatters.ACCESS
					+ ", python-json-logger's pythonjsonlogger.jsonlogger.JsonFormatter"
					+ " or one of Sluice's JSON layouts (" + StructuredLayouts.ECS + ", " + StructuredLayouts.LOGSTASH
					+ ", " + StructuredLayouts.GELF + "), found '" + className + "'");
		}
		Map<String, Object> options = json ? jsonOptions(m, ptr) : Map.of();
		if (uvicorn) {
			// uvicorn's own argument: null (the default) means "if stdout is a terminal": plain text here
			Boolean colours = values.optional(m, ptr, "use_colors", false);
			options = Map.of("use_colors", Boolean.TRUE.equals(colours));
		}
		if (m.containsKey("format") && m.containsKey("fmt")) {
			problems.add(ptr + "/fmt", "expected either 'format' or 'fmt', found both");
		}
		Object fmtValue = m.containsKey("format") ? m.get("format") : m.get("fmt");
		String fmtKey = m.containsKey("format") ? "/format" : "/fmt";
		String format = fmtValue != null ? values.string(fmtValue, ptr + fmtKey) : null;
		String datefmt = m.get("datefmt") != null ? values.string(m.get("datefmt"), ptr + "/datefmt") : null;
		String style = "%";
		if (m.get("style") != null) {
			String s = values.string(m.get("style"), ptr + "/style");
			if (s != null && !(s.equals("%") || s.equals("{") || s.equals("$"))) {
				problems.add(ptr + "/style", "expected one of %, { or $, found '" + s + "'");
			}
			else if (s != null) {
				style = s;
			}
		}
		Boolean validate = values.truthy(m, "validate", true);
		Boolean utc = values.optional(m, ptr, "utc", false);
		Map<String, Object> defaults = m.get("defaults") != null ? values.object(m.get("defaults"), ptr + "/defaults")
				: Map.of();
		if (defaults != null) {
			defaults.forEach((k, d) -> {
				if (d == null) {
					problems.add(Problems.child(ptr + "/defaults", k), "expected a value for field '" + k + "', found null");
				}
			});
		}
		if (problems.size() > before) {
			return null;
		}
		FormatterDef def = new FormatterDef(format, datefmt, style, validate, utc, className,
				defaults != null ? defaults : Map.of(), options);
		try {
			Formatters.layout(def);
		}
		catch (IllegalArgumentException e) {
			problems.add(ptr + (fmtValue != null ? fmtKey : ""), "expected a format that Python's logging.Formatter"
					+ " accepts; " + e.getMessage());
			return null;
		}
		return def;
	}

	/** The keys a uvicorn formatter takes: logging.Formatter's and {@code use_colors}. */
	static final List<String> UVICORN_KEYS = formatterKeysAnd("use_colors");

	/** The keys a python-json-logger formatter takes beside logging.Formatter's. */
	static final List<String> JSON_FORMATTER_KEYS = formatterKeysAnd("rename_fields", "static_fields",
			"reserved_attrs", "timestamp", "json_ensure_ascii", "prefix", "json_indent", "json_default", "json_encoder",
			"json_serializer");

	/** logging.Formatter's keys and a subclass's own arguments. */
	private static List<String> formatterKeysAnd(String... own) {
		List<String> keys = new java.util.ArrayList<>(FORMATTER_KEYS);
		keys.addAll(List.of(own));
		return List.copyOf(keys);
	}

	/** python-json-logger's own arguments, checked. */
	private Map<String, Object> jsonOptions(Map<String, Object> m, String ptr) {
		Map<String, Object> o = new LinkedHashMap<>();
		for (String key : List.of("json_indent", "json_default", "json_encoder", "json_serializer")) {
			if (m.get(key) != null) {
				problems.add(ptr + "/" + key, "expected no " + key + ": it names Python code, which Sluice cannot run;"
						+ " the JSON is written as json.dumps writes it by default");
			}
		}
		for (String key : List.of("rename_fields", "static_fields")) {
			if (m.get(key) != null) {
				Map<String, Object> map = values.object(m.get(key), ptr + "/" + key);
				if (map != null) {
					o.put(key, map);
				}
			}
		}
		if (m.get("reserved_attrs") != null) {
			List<String> names = values.names(m.get("reserved_attrs"), ptr + "/reserved_attrs");
			if (names != null) {
				o.put("reserved_attrs", names);
			}
		}
		Object ts = m.get("timestamp");
		if (ts != null) {
			if (ts instanceof Boolean || ts instanceof String) {
				o.put("timestamp", ts);
			}
			else {
				problems.expected(ptr + "/timestamp", "true, false or the key to write the time under", ts);
			}
		}
		if (m.get("json_ensure_ascii") != null) {
			Boolean b = values.bool(m.get("json_ensure_ascii"), ptr + "/json_ensure_ascii");
			if (b != null) {
				o.put("json_ensure_ascii", b);
			}
		}
		if (m.get("prefix") != null) {
			String p = values.string(m.get("prefix"), ptr + "/prefix");
			if (p != null) {
				o.put("prefix", p);
			}
		}
		return o;
	}

}
