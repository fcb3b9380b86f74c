package dev.sluice.config;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sluice.layouts.EcsJsonLayout;
import dev.sluice.layouts.GelfJsonLayout;
import dev.sluice.layouts.LogstashJsonLayout;
import dev.sluice.pipeline.sink.Layout;

/**
 * Sluice's structured JSON layouts chosen in a dictConfig's {@code formatters} by their Java class
 * name (the names Spring Boot users know as {@code logging.structured.format}: ECS, Logstash,
 * GELF), with their options as snake_case keys. A file naming them is Sluice's, not CPython's.
 */
final class StructuredLayouts {

	static final String ECS = EcsJsonLayout.class.getName();
	static final String LOGSTASH = LogstashJsonLayout.class.getName();
	static final String GELF = GelfJsonLayout.class.getName();

	/** The keys each takes beside {@code class}/{@code ()}. */
	static final Map<String, List<String>> KEYS = Map.of(
			ECS, List.of("class", "()", "service_name", "static_fields", "attributes_at_top_level", "include_origin"),
			LOGSTASH, List.of("class", "()", "utc"),
			GELF, List.of("class", "()", "host", "service_version"));

	private StructuredLayouts() {
	}

	static boolean names(String className) {
		return className != null && KEYS.containsKey(className);
	}

	/** The options of the layout {@code className} at {@code ptr}, checked; problems go to {@code values}' problems. */
	static Map<String, Object> options(String className, Map<String, Object> m, String ptr, Values values) {
		Map<String, Object> o = new LinkedHashMap<>();
		for (String key : KEYS.get(className)) {
			Object v = m.get(key);
			if (v == null || key.equals("class") || key.equals("()")) {
				continue;
			}
			String at = Problems.child(ptr, key);
			Object read = switch (key) {
				case "static_fields" -> values.object(v, at);
				case "attributes_at_top_level", "include_origin", "utc" -> values.bool(v, at);
				default -> values.string(v, at);
			};
			if (read != null) {
				o.put(key, read);
			}
		}
		return o;
	}

	/**
	 * The layout.
	 *
	 * @throws IllegalArgumentException naming the problem (a static field the layout writes itself)
	 */
	@SuppressWarnings("unchecked")
	static Layout layout(String className, Map<String, Object> o) {
		if (ECS.equals(className)) {
			EcsJsonLayout.Builder b = EcsJsonLayout.builder().serviceName((String) o.get("service_name"))
					.attributesAtTopLevel(Boolean.TRUE.equals(o.get("attributes_at_top_level")))
					.includeOrigin(Boolean.TRUE.equals(o.get("include_origin")));
			if (o.get("static_fields") != null) {
				b.staticFields((Map<String, Object>) o.get("static_fields"));
			}
			return b.build();
		}
		if (LOGSTASH.equals(className)) {
			return LogstashJsonLayout.withZone(Boolean.TRUE.equals(o.get("utc")) ? ZoneOffset.UTC : ZoneId.systemDefault());
		}
		return GelfJsonLayout.builder().host((String) o.get("host")).serviceVersion((String) o.get("service_version")).build();
	}
}
