package dev.sluice.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.sluice.pipeline.Level;

/**
 * Reads one entry of a dictConfig's {@code filters} section, adding a problem for everything wrong.
 * Not thread-safe; one instance serves one {@link ConfigReader}.
 */
final class FilterReader {

	static final List<String> FILTER_KEYS = List.of("name", "min_level", "max_level", "logger_regex",
			"message_regex", "invert", "()");

	/**
	 * Django's filters on {@code settings.DEBUG} (its {@code DEFAULT_LOGGING}'s
	 * {@code require_debug_false} and {@code require_debug_true}). DEBUG is False here, Django's
	 * default: the first passes every record, the second none.
	 */
	static final String DJANGO_REQUIRE_DEBUG_FALSE = "django.utils.log.RequireDebugFalse";
	static final String DJANGO_REQUIRE_DEBUG_TRUE = "django.utils.log.RequireDebugTrue";

	private final Problems problems;
	private final Values values;

	FilterReader(Problems problems, Values values) {
		this.problems = problems;
		this.values = values;
	}

	/** The filter at {@code ptr}, or null when it has a problem. */
	FilterDef read(Object v, String ptr) {
		Map<String, Object> m = values.object(v, ptr);
		if (m == null) {
			return null;
		}
		Object factoryName = m.get("()");
		if (DJANGO_REQUIRE_DEBUG_FALSE.equals(factoryName) || DJANGO_REQUIRE_DEBUG_TRUE.equals(factoryName)) {
			// logging.Filter subclasses: 'name' is taken (and not used by their filter), nothing else
			values.onlyKeys(m, ptr, List.of("()", "name"), "a " + factoryName);
			if (m.get("name") != null) {
				values.string(m.get("name"), ptr + "/name");
			}
			// settings.DEBUG is False (Django's default; a Java service has no Django settings):
			// RequireDebugFalse passes every record, RequireDebugTrue none
			return new FilterDef(null, null, null, null, null, DJANGO_REQUIRE_DEBUG_TRUE.equals(factoryName));
		}
		values.onlyKeys(m, ptr, FILTER_KEYS, "a filter");
		int before = problems.size();
		if (m.containsKey("()")) {
			String factory = values.string(m.get("()"), Problems.child(ptr, "()"));
			if (factory != null && !factory.equals("logging.Filter")) {
				problems.add(Problems.child(ptr, "()"), "expected filter factory logging.Filter, Django's "
						+ DJANGO_REQUIRE_DEBUG_FALSE + " or " + DJANGO_REQUIRE_DEBUG_TRUE + " (or no '()' and the keys "
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
		Boolean invert = values.optional(m, ptr, "invert", false);
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

}
