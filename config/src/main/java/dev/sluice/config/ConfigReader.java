package dev.sluice.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.sluice.pipeline.Level;

/**
 * Reads a parsed, substituted and cfg://-resolved dictConfig object into a {@link LoggingConfig},
 * adding a problem for everything wrong instead of stopping at the first. Not thread-safe; one
 * instance reads one file.
 */
final class ConfigReader {

	/** qualname: written by configs made for fileConfig (gunicorn, Sanic); CPython's dictConfig ignores it, so does Sluice. */
	static final List<String> LOGGER_KEYS = List.of("level", "propagate", "filters", "handlers", "qualname");
	static final List<String> FORMATTER_KEYS = List.of("format", "fmt", "datefmt", "style", "validate", "class",
			"defaults", "utc", "()");
	static final List<String> FILTER_KEYS = List.of("name", "min_level", "max_level", "logger_regex",
			"message_regex", "invert", "()");

	private final Values values;
	private final Problems problems;
	private final SinkProviders providers;

	ConfigReader(Problems problems, SinkProviders providers) {
		this.problems = problems;
		this.values = new Values(problems);
		this.providers = providers;
	}

	private Map<String, HandlerDef> handlersRead = Map.of();

	/** The handlers that were read without a problem (also when others had problems), after {@link #read}. */
	Map<String, HandlerDef> handlersRead() {
		return handlersRead;
	}

	/** The config, or null when any problem was found (they are in the {@link Problems}). */
	LoggingConfig read(Map<String, Object> top, String contentHash) {
		// as CPython's dictConfig: other top-level keys are ignored (a cfg:// reference may point at them)
		SluiceSection sluice = sluiceSection(top.get("sluice"));
		int version = version(top.get("version"));
		boolean incremental = Boolean.TRUE.equals(optional(top, "", "incremental", false));
		boolean disable = Boolean.TRUE.equals(optional(top, "", "disable_existing_loggers", true));
		Map<String, FormatterDef> formatters = new LinkedHashMap<>();
		Map<String, FilterDef> filters = new LinkedHashMap<>();
		Map<String, HandlerDef> handlers = new LinkedHashMap<>();
		if (!incremental) {
			section(top, "formatters").forEach((name, v) -> {
				FormatterDef f = formatter(v, Problems.child("/formatters", name));
				if (f != null) {
					formatters.put(name, f);
				}
			});
			section(top, "filters").forEach((name, v) -> {
				FilterDef f = filter(v, Problems.child("/filters", name));
				if (f != null) {
					filters.put(name, f);
				}
			});
			Map<String, Object> handlerSection = section(top, "handlers");
			HandlerReader hr = new HandlerReader(values, providers, formatters, section(top, "formatters").keySet(),
					section(top, "filters").keySet());
			handlerSection.forEach((name, v) -> {
				String ptr = Problems.child("/handlers", name);
				if (isQueueHandler(v)) {
					queueHandler(name, v, ptr, handlerSection.keySet());
					return;
				}
				HandlerDef h = hr.read(name, v, ptr);
				if (h != null) {
					handlers.put(name, h);
				}
			});
		}
		Map<String, Level> handlerLevels = new LinkedHashMap<>();
		if (incremental) {
			// as Python: only a running handler's level changes; its other keys are ignored
			section(top, "handlers").forEach((name, v) -> {
				String ptr = Problems.child("/handlers", name);
				Map<String, Object> m = values.object(v, ptr);
				if (m != null && m.get("level") != null) {
					Level level = values.level(m.get("level"), ptr + "/level");
					if (level != null) {
						handlerLevels.put(name, level);
					}
				}
			});
		}
		Set<String> handlerNames = section(top, "handlers").keySet();
		Set<String> filterNames = section(top, "filters").keySet();
		Map<String, LoggerDef> loggers = new LinkedHashMap<>();
		section(top, "loggers").forEach((name, v) -> {
			LoggerDef l = logger(v, Problems.child("/loggers", name), incremental, handlerNames, filterNames);
			if (l != null) {
				loggers.put(name, l);
			}
		});
		LoggerDef root = null;
		if (top.containsKey("root")) {
			root = logger(top.get("root"), "/root", incremental, handlerNames, filterNames);
			if (loggers.containsKey("") || loggers.containsKey("root")) {
				problems.add("/loggers/" + (loggers.containsKey("") ? "" : "root"),
						"expected the root logger once, found it both here and at /root");
			}
		}
		else if (loggers.containsKey("") || loggers.containsKey("root")) {
			root = loggers.remove(loggers.containsKey("") ? "" : "root");
		}
		if (!queues.isEmpty()) {
			loggers.replaceAll((n, l) -> expandQueues(l));
			root = root == null ? null : expandQueues(root);
		}
		this.handlersRead = handlers;
		if (!problems.isEmpty()) {
			return null;
		}
		return new LoggingConfig(problems.file(), contentHash, version, incremental, disable, formatters, filters,
				handlers, loggers, root, handlerLevels, sluice);
	}

	/** Python 3.12's QueueHandler: its {@code handlers} stand for it (Sluice's own path is asynchronous already). */
	static final String QUEUE_HANDLER = "logging.handlers.QueueHandler";
	static final List<String> QUEUE_HANDLER_KEYS = List.of("class", "()", "handlers", "queue", "listener",
			"respect_handler_level", "level", "filters", "formatter");
	/** QueueHandlers by name: the handlers each stands for. */
	private final Map<String, List<String>> queues = new LinkedHashMap<>();

	private static boolean isQueueHandler(Object v) {
		if (!(v instanceof Map)) {
			return false;
		}
		Map<?, ?> m = (Map<?, ?>) v;
		return QUEUE_HANDLER.equals(m.get("class")) || QUEUE_HANDLER.equals(m.get("()"));
	}

	/**
	 * A QueueHandler in Python 3.12's form: {@code handlers} names the handlers its listener feeds.
	 * Sluice's pipeline already hands records to handlers off the caller's thread, so the
	 * QueueHandler is those handlers: a logger naming it gets them. {@code queue} and
	 * {@code listener} (Python objects) are taken and not needed.
	 */
	private void queueHandler(String name, Object v, String ptr, Set<String> defined) {
		@SuppressWarnings("unchecked")
		Map<String, Object> m = (Map<String, Object>) v;
		values.onlyKeys(m, ptr, QUEUE_HANDLER_KEYS, "a QueueHandler");
		List<String> targets = m.get("handlers") != null ? values.names(m.get("handlers"), ptr + "/handlers") : null;
		if (targets == null || targets.isEmpty()) {
			problems.add(ptr + "/handlers", "expected the handlers the queue feeds (Python 3.12's 'handlers' key),"
					+ " found none");
			return;
		}
		for (int i = 0; i < targets.size(); i++) {
			String t = targets.get(i);
			if (!defined.contains(t)) {
				problems.undefined(ptr + "/handlers/" + i, "handler", t, defined);
			}
			else if (t.equals(name)) {
				problems.add(ptr + "/handlers/" + i, "expected other handlers, found the QueueHandler itself");
			}
		}
		queues.put(name, targets);
	}

	private LoggerDef expandQueues(LoggerDef l) {
		java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
		for (String h : l.handlers()) {
			List<String> targets = queues.get(h);
			names.addAll(targets != null ? targets : List.of(h));
		}
		return new LoggerDef(l.level(), l.propagate(), new java.util.ArrayList<>(names), l.filters());
	}

	static final List<String> SLUICE_KEYS = List.of("ingress_capacity", "ingress_full", "ingress_wait");

	/** The {@code sluice} section (Sluice's own settings; CPython ignores it). */
	private SluiceSection sluiceSection(Object v) {
		if (v == null) {
			return SluiceSection.NONE;
		}
		Map<String, Object> m = values.object(v, "/sluice");
		if (m == null) {
			return SluiceSection.NONE;
		}
		values.onlyKeys(m, "/sluice", SLUICE_KEYS, "the sluice section");
		Integer capacity = null;
		Object c = m.get("ingress_capacity");
		if (c != null) {
			if (c instanceof Number && ((Number) c).doubleValue() == Math.rint(((Number) c).doubleValue())
					&& ((Number) c).doubleValue() >= 2 && ((Number) c).doubleValue() <= SluiceSection.MAX_INGRESS_CAPACITY) {
				capacity = ((Number) c).intValue();
			}
			else {
				problems.expected("/sluice/ingress_capacity", "a whole number of records from 2 to "
						+ SluiceSection.MAX_INGRESS_CAPACITY, c);
			}
		}
		java.time.Duration wait = dev.sluice.pipeline.IngressFullPolicy.DEFAULT.maxWait();
		Object w = m.get("ingress_wait");
		if (w != null) {
			if (w instanceof Number && Double.isFinite(((Number) w).doubleValue()) && ((Number) w).doubleValue() >= 0
					&& ((Number) w).doubleValue() <= 86_400) {
				wait = java.time.Duration.ofNanos(Math.round(((Number) w).doubleValue() * 1e9));
			}
			else {
				problems.expected("/sluice/ingress_wait", "a number of seconds from 0 to 86400", w);
			}
		}
		dev.sluice.pipeline.IngressFullPolicy policy = null;
		Object p = m.get("ingress_full");
		if (p != null) {
			String name = values.string(p, "/sluice/ingress_full");
			if (name != null) {
				try {
					policy = dev.sluice.pipeline.IngressFullPolicy.parse(name, wait);
				}
				catch (IllegalArgumentException e) {
					problems.add("/sluice/ingress_full", e.getMessage());
				}
			}
		}
		else if (w != null) {
			policy = dev.sluice.pipeline.IngressFullPolicy.waitForRoom(wait);
		}
		return new SluiceSection(capacity, policy);
	}

	private int version(Object v) {
		if (v == null) {
			problems.add("/version", "expected version 1, found no version (dictConfig requires \"version\": 1)");
			return 1;
		}
		if (!(v instanceof Number) || ((Number) v).doubleValue() != 1) {
			problems.expected("/version", "version 1 (the only dictConfig schema version)", v);
		}
		return 1;
	}

	private Boolean optional(Map<String, Object> m, String pointer, String key, boolean dflt) {
		Object v = m.get(key);
		if (v == null) {
			return dflt;
		}
		Boolean b = values.bool(v, Problems.child(pointer, key));
		return b != null ? b : dflt;
	}

	/** A top-level section as an object (empty when absent or wrong). */
	private Map<String, Object> section(Map<String, Object> top, String key) {
		Object v = top.get(key);
		if (v == null) {
			return Map.of();
		}
		if (v instanceof Map) {
			@SuppressWarnings("unchecked")
			Map<String, Object> m = (Map<String, Object>) v;
			return m;
		}
		// reported once, by the first caller
		if (!reportedSections.contains(key)) {
			reportedSections.add(key);
			problems.expected("/" + key, "an object of named " + key, v);
		}
		return Map.of();
	}

	private final Set<String> reportedSections = new java.util.HashSet<>();

	private FormatterDef formatter(Object v, String ptr) {
		Map<String, Object> m = values.object(v, ptr);
		if (m == null) {
			return null;
		}
		int before = problems.size();
		String factory = m.get("()") instanceof String ? (String) m.get("()") : null;
		String cls = m.get("class") instanceof String ? (String) m.get("class") : null;
		String named = factory != null ? factory : cls;
		boolean json = named != null && dev.sluice.layouts.PythonJsonFormatter.CLASS_NAMES.contains(named);
		values.onlyKeys(m, ptr, json ? JSON_FORMATTER_KEYS : FORMATTER_KEYS, json ? "a JSON formatter" : "a formatter");
		factory = m.containsKey("()") ? values.string(m.get("()"), Problems.child(ptr, "()")) : null;
		cls = m.containsKey("class") ? values.string(m.get("class"), ptr + "/class") : null;
		if (factory != null && cls != null) {
			problems.add(Problems.child(ptr, "()"), "expected either 'class' or '()', found both");
		}
		String className = factory != null ? factory : cls != null ? cls : FormatterDef.FORMATTER_CLASS;
		if (!FormatterDef.FORMATTER_CLASS.equals(className) && !json) {
			problems.add(factory != null ? Problems.child(ptr, "()") : ptr + "/class", "expected formatter class "
					+ FormatterDef.FORMATTER_CLASS + " or python-json-logger's pythonjsonlogger.jsonlogger.JsonFormatter"
					+ " (Sluice formats with Python's Formatter), found '" + className + "'");
		}
		Map<String, Object> jsonOptions = json ? jsonOptions(m, ptr) : Map.of();
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
		Boolean validate = optional(m, ptr, "validate", true);
		Boolean utc = optional(m, ptr, "utc", false);
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
				defaults != null ? defaults : Map.of(), jsonOptions);
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

	/** The keys a python-json-logger formatter takes beside logging.Formatter's. */
	static final List<String> JSON_FORMATTER_KEYS;

	static {
		List<String> keys = new java.util.ArrayList<>(FORMATTER_KEYS);
		keys.addAll(List.of("rename_fields", "static_fields", "reserved_attrs", "timestamp", "json_ensure_ascii",
				"prefix", "json_indent", "json_default", "json_encoder", "json_serializer"));
		JSON_FORMATTER_KEYS = List.copyOf(keys);
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

	private FilterDef filter(Object v, String ptr) {
		Map<String, Object> m = values.object(v, ptr);
		if (m == null) {
			return null;
		}
		values.onlyKeys(m, ptr, FILTER_KEYS, "a filter");
		int before = problems.size();
		if (m.containsKey("()")) {
			String factory = values.string(m.get("()"), Problems.child(ptr, "()"));
			if (factory != null && !factory.equals("logging.Filter")) {
				problems.add(Problems.child(ptr, "()"), "expected filter factory logging.Filter (or no '()' and the keys "
						+ "name, min_level, max_level, logger_regex, message_regex, invert), found '" + factory + "'");
			}
		}
		String name = m.get("name") != null ? values.string(m.get("name"), ptr + "/name") : null;
		Level min = m.get("min_level") != null ? values.level(m.get("min_level"), ptr + "/min_level") : null;
		Level max = m.get("max_level") != null ? values.level(m.get("max_level"), ptr + "/max_level") : null;
		if (min != null && max != null && min.compareTo(max) > 0) {
			problems.add(ptr + "/max_level", "expected max_level at least min_level " + min + ", found " + max);
		}
		String loggerRegex = regex(m, ptr, "logger_regex");
		String messageRegex = regex(m, ptr, "message_regex");
		Boolean invert = optional(m, ptr, "invert", false);
		if (problems.size() > before) {
			return null;
		}
		return new FilterDef(name, min, max, loggerRegex, messageRegex, invert);
	}

	private String regex(Map<String, Object> m, String ptr, String key) {
		if (m.get(key) == null) {
			return null;
		}
		String s = values.string(m.get(key), ptr + "/" + key);
		if (s == null) {
			return null;
		}
		try {
			Pattern.compile(s);
			return s;
		}
		catch (PatternSyntaxException e) {
			problems.add(ptr + "/" + key, "expected a regular expression, found '" + s + "': "
					+ e.getDescription() + " near index " + e.getIndex());
			return null;
		}
	}

	private LoggerDef logger(Object v, String ptr, boolean incremental, Set<String> handlerNames,
			Set<String> filterNames) {
		Map<String, Object> m = values.object(v, ptr);
		if (m == null) {
			return null;
		}
		values.onlyKeys(m, ptr, LOGGER_KEYS, ptr.equals("/root") ? "the root logger" : "a logger");
		int before = problems.size();
		Level level = m.get("level") != null ? values.level(m.get("level"), ptr + "/level") : null;
		boolean propagate = optional(m, ptr, "propagate", true);
		List<String> handlers = m.get("handlers") != null ? values.names(m.get("handlers"), ptr + "/handlers")
				: List.of();
		List<String> filters = m.get("filters") != null ? values.names(m.get("filters"), ptr + "/filters") : List.of();
		if (!incremental) {
			for (int i = 0; i < handlers.size(); i++) {
				if (!handlerNames.contains(handlers.get(i))) {
					problems.undefined(ptr + "/handlers/" + i, "handler", handlers.get(i), handlerNames);
				}
			}
			for (int i = 0; i < filters.size(); i++) {
				if (!filterNames.contains(filters.get(i))) {
					problems.undefined(ptr + "/filters/" + i, "filter", filters.get(i), filterNames);
				}
			}
		}
		if (problems.size() > before) {
			return null;
		}
		return new LoggerDef(level, propagate, incremental ? List.of() : handlers, incremental ? List.of() : filters);
	}
}
