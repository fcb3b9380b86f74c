package dev.sluice.pipeline.sink.options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.sluice.pipeline.Level;

/**
 * A handler's options (every key of its definition but {@code class}, {@code level},
 * {@code formatter} and {@code filters}), read through typed accessors that collect problems
 * instead of failing on the first.
 *
 * <p>Usage in a provider: read every option with a default, then call {@link #validate()}, which
 * also rejects keys that no accessor asked for (with a suggestion for a misspelt one, as Python
 * rejects an unknown keyword argument). Each problem names the option's JSON pointer, such as
 * {@code /handlers/slack/channel}. Values of keys that look secret are never printed.
 *
 * <p>Not thread-safe: one provider uses an instance while creating one sink.
 */
public final class SinkOptions {

	private final String pointer;
	private final Map<String, Object> values;
	private final Set<String> read = new LinkedHashSet<>();
	private final List<ConfigProblem> problems = new ArrayList<>();

	/**
	 * @param pointer the JSON pointer of the handler, such as {@code /handlers/slack}
	 * @param values  the options, as parsed JSON values (String, Number, Boolean, List, Map, null)
	 */
	public SinkOptions(String pointer, Map<String, ?> values) {
		this.pointer = pointer;
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	/**
	 * Options for a sink made in code, not from a config file.
	 *
	 * @param values the options by key
	 * @return the options
	 */
	public static SinkOptions of(Map<String, ?> values) {
		return new SinkOptions("/handlers/(code)", values);
	}

	/** {@return the handler's JSON pointer} */
	public String pointer() {
		return pointer;
	}

	/** {@return all raw values (unmodifiable), for providers that pass options through} */
	public Map<String, Object> raw() {
		return values;
	}

	/**
	 * Whether the option is given.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @return {@code true} if the option is given
	 */
	public boolean has(String key) {
		return values.containsKey(key) && values.get(key) != null;
	}

	/**
	 * Marks {@code key} as known without reading it.
	 *
	 * @param key the option's key, as written in the handler's config
	 */
	public void accept(String key) {
		read.add(key);
	}

	/**
	 * A string option, or {@code defaultValue} when absent (a problem when it is not a string).
	 *
	 * @param key the option's key, as written in the handler's config
	 * @param defaultValue the value when the key is absent
	 * @return a string option, or {@code defaultValue} when absent (a problem when it is not a string)
	 */
	public String string(String key, String defaultValue) {
		Object v = take(key);
		if (v == null) {
			return defaultValue;
		}
		if (v instanceof String) {
			return (String) v;
		}
		if (v instanceof Number || v instanceof Boolean) {
			return v.toString();
		}
		return wrong(key, "a string", v, defaultValue);
	}

	/**
	 * A string option that must be given (a problem when absent).
	 *
	 * @param key the option's key, as written in the handler's config
	 * @return a string option that must be given (a problem when absent)
	 */
	public String requiredString(String key) {
		String s = string(key, null);
		if (s == null && !values.containsKey(key)) {
			problem(key, "is required (a string) but is missing");
		}
		return s;
	}

	/**
	 * A secret (API key, token): its value never appears in problems or toString().
	 *
	 * @param key the option's key, as written in the handler's config
	 * @return a secret (API key, token)
	 */
	public Secret secret(String key) {
		Object v = take(key);
		if (v == null) {
			return null;
		}
		if (v instanceof Secret) {
			return (Secret) v;
		}
		if (v instanceof String) {
			return Secret.of((String) v);
		}
		problem(key, "expected a string, found a " + OptionValues.typeName(v));
		return null;
	}

	/**
	 * A whole-number option that fits an int, or {@code defaultValue}.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @param defaultValue the value when the key is absent
	 * @return a whole-number option that fits an int, or {@code defaultValue}
	 */
	public int integer(String key, int defaultValue) {
		long l = longValue(key, defaultValue);
		if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
			problem(key, "expected an integer that fits 32 bits, found " + l);
			return defaultValue;
		}
		return (int) l;
	}

	/**
	 * A whole-number option, or {@code defaultValue}.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @param defaultValue the value when the key is absent
	 * @return a whole-number option, or {@code defaultValue}
	 */
	public long longValue(String key, long defaultValue) {
		Object v = take(key);
		if (v == null) {
			return defaultValue;
		}
		Long l = OptionValues.toLong(v);
		return l != null ? l : wrong(key, "an integer", v, defaultValue);
	}

	/**
	 * A finite number option, or {@code defaultValue}.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @param defaultValue the value when the key is absent
	 * @return a finite number option, or {@code defaultValue}
	 */
	public double number(String key, double defaultValue) {
		Object v = take(key);
		if (v == null) {
			return defaultValue;
		}
		Double d = OptionValues.toDouble(v);
		return d != null ? d : wrong(key, "a number", v, defaultValue);
	}

	/**
	 * A boolean: JSON true/false, or the strings true/false/yes/no/1/0 in any case.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @param defaultValue the value when the key is absent
	 * @return a boolean
	 */
	public boolean bool(String key, boolean defaultValue) {
		Object v = take(key);
		if (v == null) {
			return defaultValue;
		}
		Boolean b = OptionValues.toBoolean(v);
		return b != null ? b : wrong(key, "true or false", v, defaultValue);
	}

	/**
	 * A duration: a number of seconds (JSON number, may be fractional), or a string with a unit
	 * such as {@code "500ms"}, {@code "5s"}, {@code "2m"}, {@code "1h"}, or ISO-8601 {@code PT5S}.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @param defaultValue the value when the key is absent
	 * @return a duration
	 */
	public Duration duration(String key, Duration defaultValue) {
		Object v = take(key);
		if (v == null) {
			return defaultValue;
		}
		Duration d = parseDuration(v);
		if (d == null || d.isNegative()) {
			return wrong(key, "a duration (seconds, or a string such as \"500ms\", \"5s\", \"2m\")", v, defaultValue);
		}
		return d;
	}

	/**
	 * A level option (a name such as {@code "ERROR"} or a number), or {@code defaultValue}.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @param defaultValue the value when the key is absent
	 * @return a level option (a name such as {@code "ERROR"} or a number), or {@code defaultValue}
	 */
	public Level level(String key, Level defaultValue) {
		Object v = take(key);
		if (v == null) {
			return defaultValue;
		}
		try {
			return v instanceof Number ? Level.of(((Number) v).intValue()) : Level.parse(v.toString());
		}
		catch (IllegalArgumentException e) {
			problem(key, e.getMessage());
			return defaultValue;
		}
	}

	/**
	 * One of {@code allowed} (case-insensitive); returns the allowed spelling.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @param defaultValue the value when the key is absent
	 * @param allowed the values it may take
	 * @return the allowed spelling of the value, or the default
	 */
	public String choice(String key, String defaultValue, String... allowed) {
		String s = string(key, null);
		if (s == null) {
			return defaultValue;
		}
		for (String a : allowed) {
			if (a.equalsIgnoreCase(s)) {
				return a;
			}
		}
		problem(key, "expected one of " + String.join(", ", allowed) + ", found '" + s + "'");
		return defaultValue;
	}

	/**
	 * A list of strings; a single string is a list of one.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @return a list of strings
	 */
	public List<String> stringList(String key) {
		Object v = take(key);
		if (v == null) {
			return List.of();
		}
		if (v instanceof String) {
			return List.of((String) v);
		}
		if (v instanceof List) {
			List<String> out = new ArrayList<>();
			for (Object o : (List<?>) v) {
				if (o instanceof String || o instanceof Number || o instanceof Boolean) {
					out.add(o.toString());
				}
				else {
					problem(key, "expected a list of strings, found an element that is a " + OptionValues.typeName(o));
				}
			}
			return List.copyOf(out);
		}
		return wrong(key, "a list of strings", v, List.of());
	}

	/**
	 * An object of string keys; absent is empty.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @return an object of string keys
	 */
	@SuppressWarnings("unchecked")
	public Map<String, Object> map(String key) {
		Object v = take(key);
		if (v == null) {
			return Map.of();
		}
		if (v instanceof Map) {
			return Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) v));
		}
		return wrong(key, "an object", v, Map.of());
	}

	/**
	 * Records a problem at this handler's {@code key}.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @param message what is wrong (never the value of a secret)
	 */
	public void problem(String key, String message) {
		problems.add(new ConfigProblem(pointer + "/" + key, message));
	}

	/** {@return the problems found so far, plus one per key that no accessor read} */
	public List<ConfigProblem> problems() {
		List<ConfigProblem> all = new ArrayList<>(problems);
		for (String key : values.keySet()) {
			if (!read.contains(key)) {
				String suggestion = Suggestions.closest(key, read);
				all.add(new ConfigProblem(pointer + "/" + key, "unknown option '" + key + "'"
						+ (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "")
						+ (read.isEmpty() ? "" : "; known options: " + String.join(", ", read))));
			}
		}
		return all;
	}

	/**
	 * Throws when any problem was found or any key was not read.
	 *
	 * @throws InvalidConfigException listing every problem
	 */
	public void validate() {
		List<ConfigProblem> all = problems();
		if (!all.isEmpty()) {
			throw new InvalidConfigException(all);
		}
	}

	/**
	 * The option's value as the config has it (a list, a number...), or null; marks it as read.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @return the option's value as the config has it (a list, a number...), or null
	 */
	public Object raw(String key) {
		return take(key);
	}

	private Object take(String key) {
		read.add(key);
		return values.get(key);
	}

	private <T> T wrong(String key, String expected, Object found, T defaultValue) {
		problem(key, "expected " + expected + ", found " + OptionValues.describe(key, found));
		return defaultValue;
	}

	/**
	 * Whether an option's name suggests a secret value that must never be printed.
	 *
	 * @param key the option's key, as written in the handler's config
	 * @return {@code true} if an option's name suggests a secret value that must never be printed
	 */
	public static boolean looksSecret(String key) {
		String k = key.toLowerCase(Locale.ROOT);
		return k.contains("key") || k.contains("token") || k.contains("secret") || k.contains("password")
				|| k.contains("authorization") || k.contains("webhook") || k.contains("dsn") || k.contains("credential");
	}

	/**
	 * Parses a duration as {@link #duration} does; null when it is not one.
	 *
	 * @param v a config value (a number of seconds, or text such as {@code 5s} or {@code 250ms})
	 * @return the duration, or null
	 */
	public static Duration parseDuration(Object v) {
		return OptionValues.duration(v);
	}

	@Override
	public String toString() {
		return OptionValues.render("SinkOptions" + pointer, values);
	}
}
