package dev.sluice.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.options.Suggestions;

/** Typed reads of parsed JSON values that add a problem (and return null) on a wrong type. */
final class Values {

	static final List<String> LEVEL_NAMES = List.of("NOTSET", "TRACE", "DEBUG", "INFO", "WARNING", "WARN", "ERROR",
			"CRITICAL", "FATAL");

	private final Problems problems;

	Values(Problems problems) {
		this.problems = problems;
	}

	Problems problems() {
		return problems;
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> object(Object v, String pointer) {
		if (v instanceof Map) {
			return (Map<String, Object>) v;
		}
		problems.expected(pointer, "an object", v);
		return null;
	}

	String string(Object v, String pointer) {
		if (v instanceof String) {
			return (String) v;
		}
		problems.expected(pointer, "a string", v);
		return null;
	}

	Boolean bool(Object v, String pointer) {
		if (v instanceof Boolean) {
			return (Boolean) v;
		}
		problems.expected(pointer, "true or false", v);
		return null;
	}

	/** A level: a name (any case; WARN and FATAL are aliases) or a number. */
	Level level(Object v, String pointer) {
		if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) {
			// as CPython's _checkLevel: an int (not a float such as 20.0 or 1e30; a negative one is
			// taken, as in CPython), here within Java's int range
			java.math.BigInteger n = new java.math.BigInteger(v.toString());
			if (n.compareTo(java.math.BigInteger.valueOf(Integer.MIN_VALUE + 1L)) >= 0
					&& n.compareTo(java.math.BigInteger.valueOf(Integer.MAX_VALUE - 1L)) <= 0) {
				return Level.of(n.intValue());
			}
			problems.add(pointer, "expected a level number from " + (Integer.MIN_VALUE + 1) + " to "
					+ (Integer.MAX_VALUE - 1) + ", found " + v);
			return null;
		}
		if (v instanceof String) {
			try {
				return Level.parse((String) v);
			}
			catch (IllegalArgumentException e) {
				String suggestion = Suggestions.closest(((String) v).trim(), LEVEL_NAMES);
				problems.add(pointer, "expected a level (NOTSET, TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL or a"
						+ " number), found '" + v + "'" + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : ""));
				return null;
			}
		}
		problems.expected(pointer, "a level (NOTSET, TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL or a whole number;"
				+ " CPython takes no fraction)", v instanceof Secret ? v : v);
		return null;
	}

	/** A list of names; each must be a string. */
	List<String> names(Object v, String pointer) {
		return names(v, pointer, this::string);
	}

	/**
	 * As {@link #names(Object, String)}, each item read by {@code item} from the item and its
	 * pointer (null: left out, the reader having added a problem).
	 */
	List<String> names(Object v, String pointer, java.util.function.BiFunction<Object, String, String> item) {
		if (!(v instanceof List)) {
			problems.expected(pointer, "a list of names", v);
			return List.of();
		}
		List<String> out = new ArrayList<>();
		List<?> list = (List<?>) v;
		for (int i = 0; i < list.size(); i++) {
			String s = item.apply(list.get(i), Problems.child(pointer, i));
			if (s != null) {
				out.add(s);
			}
		}
		return out;
	}

	/** Adds a problem for every key of {@code m} that is not in {@code known}. */
	void onlyKeys(Map<String, Object> m, String pointer, Collection<String> known, String what) {
		for (String key : m.keySet()) {
			if (!known.contains(key)) {
				problems.unknownKey(Problems.child(pointer, key), key, known, what);
			}
		}
	}

	/** An optional boolean key: its value, or {@code dflt} when absent or wrong (a problem is added then). */
	Boolean optional(Map<String, Object> m, String pointer, String key, boolean dflt) {
		Object v = m.get(key);
		if (v == null) {
			return dflt;
		}
		Boolean b = bool(v, Problems.child(pointer, key));
		return b != null ? b : dflt;
	}

	/**
	 * A key CPython reads by truth value ({@code propagate}, {@code incremental},
	 * {@code disable_existing_loggers}, a formatter's {@code validate}): absent is {@code dflt}; present,
	 * Python's truthiness decides, so {@code "true"} and even {@code "false"} (a non-empty string) are true,
	 * {@code 0}, {@code ""}, {@code null} and empty lists or objects false, as CPython takes them.
	 */
	boolean truthy(Map<String, Object> m, String key, boolean dflt) {
		if (!m.containsKey(key)) {
			return dflt;
		}
		Object v = m.get(key);
		if (v == null) {
			return false;
		}
		if (v instanceof Boolean) {
			return (Boolean) v;
		}
		if (v instanceof Number) {
			return ((Number) v).doubleValue() != 0;
		}
		if (v instanceof CharSequence) {
			return ((CharSequence) v).length() > 0;
		}
		if (v instanceof java.util.Collection) {
			return !((java.util.Collection<?>) v).isEmpty();
		}
		if (v instanceof Map) {
			return !((Map<?, ?>) v).isEmpty();
		}
		return true;
	}
}
