package dev.sluice.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sluice.pipeline.Level;

/**
 * Reads a parsed, substituted and cfg://-resolved dictConfig object into a {@link LoggingConfig},
 * adding a problem for everything wrong instead of stopping at the first. Not thread-safe; one
 * instance reads one file.
 */
final class ConfigReader {

	/** qualname: written by configs made for fileConfig (gunicorn, Sanic); CPython's dictConfig ignores it, so does Sluice. */
	static final List<String> LOGGER_KEYS = List.of("level", "propagate", "filters", "handlers", "qualname");

	private final Values values;
	private final Problems problems;
	private final SinkProviders providers;
	private final FormatterReader formatterReader;
	private final FilterReader filterReader;

	ConfigReader(Problems problems, SinkProviders providers) {
		this.problems = problems;
		this.values = new Values(problems);
		this.providers = providers;
		this.formatterReader = new FormatterReader(problems, values);
		this.filterReader = new FilterReader(problems, values);
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
		boolean incremental = Boolean.TRUE.equals(values.truthy(top, "incremental", false));
		boolean disable = Boolean.TRUE.equals(values.truthy(top, "disable_existing_loggers", true));
		Map<String, FormatterDef> formatters = new LinkedHashMap<>();
		Map<String, FilterDef> filters = new LinkedHashMap<>();
		Map<String, HandlerDef> handlers = new LinkedHashMap<>();
		if (!incremental) {
			section(top, "formatters").forEach((name, v) -> {
				FormatterDef f = formatterReader.read(v, Problems.child("/formatters", name));
				if (f != null) {
					formatters.put(name, f);
				}
			});
			section(top, "filters").forEach((name, v) -> {
				FilterDef f = filterReader.read(v, Problems.child("/filters", name));
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
					queueHandler(name, v, ptr, handlerSection);
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
		resolveListenersInCode(section(top, "handlers"), loggers, root);
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

	/** Python 3.11's QueueHandlers (no {@code handlers}: the listener gets them in code), by name and pointer. */
	private final Map<String, String> listenersInCode = new LinkedHashMap<>();

	/**
	 * A QueueHandler. Sluice's pipeline already hands records to handlers off the caller's thread,
	 * so the QueueHandler is the handlers its listener feeds: a logger naming it gets them.
	 * {@code queue} and {@code listener} (Python objects) are taken and not needed. Python 3.12's
	 * form names them in {@code handlers}, by name or as {@code cfg://handlers.NAME} (the 3.11
	 * recipes' QueueListener handlers); Python 3.11's form has no {@code handlers} (its
	 * QueueListener is given them in code): see {@link #resolveListenersInCode}.
	 */
	private void queueHandler(String name, Object v, String ptr, Map<String, Object> handlerSection) {
		@SuppressWarnings("unchecked")
		Map<String, Object> m = (Map<String, Object>) v;
		values.onlyKeys(m, ptr, QUEUE_HANDLER_KEYS, "a QueueHandler");
		Set<String> defined = handlerSection.keySet();
		if (m.get("handlers") == null) {
			listenersInCode.put(name, ptr);
			return;
		}
		List<String> targets = handlerNames(m.get("handlers"), ptr + "/handlers", handlerSection);
		if (targets.isEmpty()) {
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

	/** Names in a QueueHandler's {@code handlers}: names, or handlers a {@code cfg://handlers.NAME} resolved to. */
	private List<String> handlerNames(Object v, String ptr, Map<String, Object> handlerSection) {
		return values.names(v, ptr, (item, p) -> {
			if (!(item instanceof Map)) {
				return values.string(item, p);
			}
			// a cfg://handlers.NAME reference, already resolved to that handler's dict
			List<String> same = new java.util.ArrayList<>();
			handlerSection.forEach((n, h) -> {
				if (item.equals(h)) {
					same.add(n);
				}
			});
			if (same.size() == 1) {
				return same.get(0);
			}
			problems.add(p, "expected a handler's name or cfg://handlers.NAME, found an object that is "
					+ (same.isEmpty() ? "no handler of this file" : "several handlers " + same));
			return null;
		});
	}

	/**
	 * Python 3.11's QueueHandler form gives its QueueListener the handlers in code, which Sluice
	 * cannot see. Such a file defines them beside it, attached to no logger: those are the
	 * handlers the QueueHandler stands for. With none, the file is refused, saying what to write.
	 */
	private void resolveListenersInCode(Map<String, Object> handlerSection, Map<String, LoggerDef> loggers, LoggerDef root) {
		if (listenersInCode.isEmpty()) {
			return;
		}
		Set<String> used = new java.util.HashSet<>();
		loggers.values().forEach(l -> used.addAll(l.handlers()));
		if (root != null) {
			used.addAll(root.handlers());
		}
		queues.values().forEach(used::addAll);
		handlerSection.values().forEach(h -> {
			if (h instanceof Map && ((Map<?, ?>) h).get("target") instanceof String) {
				used.add((String) ((Map<?, ?>) h).get("target")); // a MemoryHandler's target
			}
		});
		List<String> unattached = new java.util.ArrayList<>();
		for (String h : handlerSection.keySet()) {
			if (!used.contains(h) && !listenersInCode.containsKey(h) && !queues.containsKey(h)) {
				unattached.add(h);
			}
		}
		listenersInCode.forEach((name, ptr) -> {
			if (unattached.isEmpty()) {
				problems.add(ptr, "expected the handlers the queue feeds: Python 3.11's QueueListener is given them in"
						+ " code, which Sluice does not run; name them in 'handlers' (Python 3.12's form), or define them"
						+ " in this file attached to no logger");
			}
			else {
				queues.put(name, unattached);
			}
		});
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

	private LoggerDef logger(Object v, String ptr, boolean incremental, Set<String> handlerNames,
			Set<String> filterNames) {
		Map<String, Object> m = values.object(v, ptr);
		if (m == null) {
			return null;
		}
		values.onlyKeys(m, ptr, LOGGER_KEYS, ptr.equals("/root") ? "the root logger" : "a logger");
		int before = problems.size();
		Level level = m.get("level") != null ? values.level(m.get("level"), ptr + "/level") : null;
		boolean propagate = values.truthy(m, "propagate", true);
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
