package dev.sluice.sinks.bugsnag;

import java.lang.reflect.Array;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.context.Attributes;
import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;

/**
 * Builds Error Reporting API (payload version 5) events from records: {@code exceptions} (the
 * throwable and its causes, or {@code Log<LEVEL>} with the message when none was logged),
 * {@code severity} as bugsnag-python maps levels (error at ERROR and above, warning at WARNING,
 * info below), {@code severityReason} ({@code log} with the level for logged errors,
 * {@code unhandledException} for those the hooks caught), {@code unhandled}, {@code context}
 * (the EntryPoint attribute), {@code user} (the User attribute: a string id, or a map with
 * id/name/email), {@code app}, {@code device}, {@code metaData} (tab {@code log}: logger, level,
 * message, thread; tab {@code context}: the record's attributes; one tab per {@code extra_fields}
 * entry) and {@code breadcrumbs}. Sensitive keys are redacted in metaData and breadcrumbs.
 *
 * <p>Immutable and thread-safe; the nodes it returns are new and owned by the caller.
 */
final class BugsnagEvents {

	static final ObjectMapper JSON = new ObjectMapper();
	/** The attribute the hooks set on records of unhandled errors: how the error was caught. */
	static final String UNHANDLED = "sluice.bugsnag.unhandled";
	static final String NOTIFIER_NAME = "Sluice";
	static final String NOTIFIER_URL = "https://github.com/sluice-logging/sluice";
	static final String NOTIFIER_VERSION = version();
	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
	private static final int MAX_CRUMB_NAME = 100;
	private static final int MAX_CRUMB_MESSAGE = 1_000;

	private final BugsnagSettings settings;
	private final Stacktraces stacktraces;
	private final Redactor redactor;
	private final Clock clock;
	private final Set<String> extraNames = new HashSet<>();

	BugsnagEvents(BugsnagSettings settings, Clock clock) {
		this.settings = settings;
		this.stacktraces = new Stacktraces(settings.projectPackages());
		this.redactor = new Redactor(settings.redactedKeys());
		this.clock = clock;
		settings.extraFields().values().forEach(extraNames::addAll);
	}

	/**
	 * This machine's name, looked up once, when the first event is built: on the sink's runner
	 * thread, where a lookup that may block is allowed, never on a Reactor thread.
	 */
	private static final class Hostname {
		static final String LOCAL = lookUp();

		private static String lookUp() {
			String env = System.getenv("HOSTNAME");
			if (env != null && !env.isBlank()) {
				return env;
			}
			try {
				return java.net.InetAddress.getLocalHost().getHostName();
			}
			catch (Exception e) {
				return "unknown";
			}
		}
	}

	private static String version() {
		String v = BugsnagEvents.class.getPackage().getImplementationVersion();
		return v != null ? v : "0.1.0";
	}

	static String severity(Level level) {
		int v = level.value();
		return v >= Level.ERROR.value() ? "error" : v >= Level.WARNING.value() ? "warning" : "info";
	}

	/**
	 * The payload around one event: {@code apiKey} (the v5 schema's, as well as the header),
	 * {@code payloadVersion}, {@code notifier}, {@code events}. The payload holds the key: it is
	 * sent, never printed.
	 */
	ObjectNode payload(ObjectNode event) {
		ObjectNode p = NODES.objectNode();
		if (settings.apiKey() != null) {
			p.put("apiKey", settings.apiKey().reveal());
		}
		p.put("payloadVersion", "5");
		ObjectNode n = p.putObject("notifier");
		n.put("name", NOTIFIER_NAME);
		n.put("version", NOTIFIER_VERSION);
		n.put("url", NOTIFIER_URL);
		p.putArray("events").add(event);
		return p;
	}

	/** The event of {@code record}, with {@code crumbs} (oldest first) as its breadcrumbs. */
	ObjectNode event(LogRecord record, List<LogRecord> crumbs) {
		Attributes attrs = record.attributes();
		Object mechanism = attrs.get(UNHANDLED);
		boolean unhandled = mechanism != null;
		ObjectNode e = NODES.objectNode();
		e.set("exceptions", record.thrown() != null ? stacktraces.exceptions(record.thrown())
				: stacktraces.logMessage(record.level().name(), record.message(), record.location()));
		e.put("severity", unhandled ? "error" : severity(record.level()));
		ObjectNode reason = e.putObject("severityReason");
		if (unhandled) {
			reason.put("type", "unhandledException");
		}
		else {
			reason.put("type", "log");
			reason.putObject("attributes").put("level", record.level().name());
		}
		e.put("unhandled", unhandled);
		Object entryPoint = attrs.get(StandardKeys.ENTRY_POINT);
		if (entryPoint != null) {
			e.put("context", String.valueOf(entryPoint));
		}
		Object user = attrs.get(StandardKeys.USER);
		if (user != null) {
			e.set("user", user(user));
		}
		ObjectNode app = e.putObject("app");
		app.put("releaseStage", settings.releaseStage());
		if (settings.appVersion() != null) {
			app.put("version", settings.appVersion());
		}
		app.put("type", "java");
		ObjectNode device = e.putObject("device");
		device.put("hostname", settings.hostname() != null ? settings.hostname() : Hostname.LOCAL);
		device.put("osName", System.getProperty("os.name", ""));
		device.put("osVersion", System.getProperty("os.version", ""));
		ObjectNode runtimes = device.putObject("runtimeVersions");
		runtimes.put("java", System.getProperty("java.version", ""));
		runtimes.put("sluice", NOTIFIER_VERSION);
		device.put("time", clock.instant().toString());
		e.set("metaData", metaData(record, mechanism));
		ArrayNode breadcrumbs = e.putArray("breadcrumbs");
		for (LogRecord c : crumbs) {
			breadcrumbs.add(breadcrumb(c));
		}
		redactor.redact(e.get("metaData"));
		redactor.redact(breadcrumbs);
		return e;
	}

	private ObjectNode metaData(LogRecord record, Object mechanism) {
		ObjectNode md = NODES.objectNode();
		ObjectNode log = md.putObject("log");
		log.put("logger", record.loggerName());
		log.put("level", record.level().name());
		log.put("message", record.message());
		log.put("thread", record.threadName());
		if (mechanism != null) {
			md.putObject("unhandled").put("caughtBy", String.valueOf(mechanism));
		}
		Attributes attrs = record.attributes();
		ObjectNode context = NODES.objectNode();
		for (int i = 0; i < attrs.size(); i++) {
			String k = attrs.keyAt(i);
			if (!k.equals(UNHANDLED) && !extraNames.contains(k)) {
				context.set(k, toJson(attrs.valueAt(i), 0));
			}
		}
		if (!context.isEmpty()) {
			md.set("context", context);
		}
		settings.extraFields().forEach((tab, names) -> {
			ObjectNode t = NODES.objectNode();
			for (String name : names) {
				Object v = attrs.get(name);
				if (v != null) {
					t.set(name, toJson(v, 0));
				}
			}
			if (!t.isEmpty()) {
				md.set(tab, t);
			}
		});
		return md;
	}

	private static ObjectNode user(Object user) {
		ObjectNode u = NODES.objectNode();
		if (user instanceof Map) {
			for (String f : new String[] {"id", "name", "email"}) {
				Object v = ((Map<?, ?>) user).get(f);
				if (v != null) {
					u.put(f, String.valueOf(v));
				}
			}
		}
		else {
			u.put("id", String.valueOf(user));
		}
		return u;
	}

	private ObjectNode breadcrumb(LogRecord r) {
		ObjectNode c = NODES.objectNode();
		c.put("timestamp", Instant.ofEpochMilli(r.epochMillis()).toString());
		String message = r.message();
		c.put("name", message.length() <= MAX_CRUMB_NAME ? message : message.substring(0, MAX_CRUMB_NAME - 1) + "…");
		c.put("type", "log");
		ObjectNode md = c.putObject("metaData");
		md.put("logLevel", r.level().name());
		md.put("logger", r.loggerName());
		if (message.length() > MAX_CRUMB_NAME) {
			md.put("message", message.length() <= MAX_CRUMB_MESSAGE ? message
					: message.substring(0, MAX_CRUMB_MESSAGE - 1) + "…");
		}
		Attributes attrs = r.attributes();
		for (int i = 0; i < attrs.size(); i++) {
			String k = attrs.keyAt(i);
			if (!md.has(k) && !k.equals(UNHANDLED)) {
				md.set(k, toJson(attrs.valueAt(i), 0));
			}
		}
		return c;
	}

	/** An attribute value as JSON: strings, numbers, booleans, maps and lists as such, anything else as text. */
	static JsonNode toJson(Object v, int depth) {
		if (v == null) {
			return NODES.nullNode();
		}
		if (v instanceof String) {
			return NODES.textNode((String) v);
		}
		if (v instanceof Boolean) {
			return NODES.booleanNode((Boolean) v);
		}
		if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
			return NODES.numberNode(((Number) v).longValue());
		}
		if (v instanceof Double || v instanceof Float) {
			double d = ((Number) v).doubleValue();
			return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(String.valueOf(d));
		}
		if (depth > 8) {
			return NODES.textNode(String.valueOf(v));
		}
		if (v instanceof Map) {
			ObjectNode o = NODES.objectNode();
			((Map<?, ?>) v).forEach((k, x) -> o.set(String.valueOf(k), toJson(x, depth + 1)));
			return o;
		}
		if (v instanceof Collection) {
			ArrayNode a = NODES.arrayNode();
			for (Object x : (Collection<?>) v) {
				a.add(toJson(x, depth + 1));
			}
			return a;
		}
		if (v.getClass().isArray()) {
			ArrayNode a = NODES.arrayNode();
			for (int i = 0, n = Array.getLength(v); i < n; i++) {
				a.add(toJson(Array.get(v, i), depth + 1));
			}
			return a;
		}
		return NODES.textNode(String.valueOf(v));
	}
}
