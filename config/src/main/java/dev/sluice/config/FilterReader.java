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
