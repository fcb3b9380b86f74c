package dev.sluice.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sluice.pipeline.BufferSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.OverflowPolicy;
import dev.sluice.pipeline.sink.options.SinkOptions;

/**
 * Reads one entry of {@code handlers}: the keys Python gives a meaning ({@code class} or
 * {@code '()'}, {@code level}, {@code formatter}, {@code filters}), Sluice's buffer keys, and
 * every other key as an option for the handler's sink provider (which validates them later).
 */
final class HandlerReader {

	/** Keys of a handler that are not handed to the provider. */
	static final List<String> HANDLER_KEYS = List.of("class", "()", "level", "formatter", "filters");
	/** Sluice's buffer keys, beyond Python's. */
	static final List<String> BUFFER_KEYS = List.of("buffer_size", "overflow", "block_timeout", "discard_below",
			"fill_mark", "max_batch", "linger");

	private final Values values;
	private final Problems problems;
	private final SinkProviders providers;
	private final Map<String, FormatterDef> formatters;
	private final Set<String> formatterNames;
	private final Set<String> filterNames;

	HandlerReader(Values values, SinkProviders providers, Map<String, FormatterDef> formatters,
			Set<String> formatterNames, Set<String> filterNames) {
		this.values = values;
		this.problems = values.problems();
		this.providers = providers;
		this.formatters = formatters;
		this.formatterNames = formatterNames;
		this.filterNames = filterNames;
	}

	HandlerDef read(String name, Object v, String ptr) {
		Map<String, Object> m = values.object(v, ptr);
		if (m == null) {
			return null;
		}
		String className = className(m, ptr);
		Level level = m.get("level") != null ? values.level(m.get("level"), ptr + "/level") : Level.NOTSET;
		String formatter = null;
		FormatterDef formatterDef = FormatterDef.DEFAULT;
		if (m.get("formatter") != null) {
			formatter = values.string(m.get("formatter"), ptr + "/formatter");
			if (formatter != null && !formatterNames.contains(formatter)) {
				problems.undefined(ptr + "/formatter", "formatter", formatter, formatterNames);
			}
			else if (formatter != null && formatters.containsKey(formatter)) {
				formatterDef = formatters.get(formatter);
			}
		}
		List<String> filters = m.get("filters") != null ? values.names(m.get("filters"), ptr + "/filters") : List.of();
		for (int i = 0; i < filters.size(); i++) {
			if (!filterNames.contains(filters.get(i))) {
				problems.undefined(ptr + "/filters/" + i, "filter", filters.get(i), filterNames);
			}
		}
		// '.': attributes CPython sets on the handler after making it; those a provider takes
		// (a stream's or a file's terminator) become options, the rest CPython keeps and never reads
		Map<String, Object> attributes = m.get(".") != null ? values.object(m.get("."), ptr + "/.") : Map.of();
		dev.sluice.pipeline.sink.SinkProvider provider = className == null ? null : providers.find(className);
		BufferSpec buffer = buffer(m, ptr, provider == null ? BufferSpec.DEFAULT
				: BufferSpec.DEFAULT.withPolicy(provider.defaultOverflow()).withLinger(provider.defaultLinger()));
		Map<String, Object> options = new LinkedHashMap<>();
		m.forEach((k, val) -> {
			if (!HANDLER_KEYS.contains(k) && !BUFFER_KEYS.contains(k) && !k.equals(".")) {
				options.put(k, val);
				checkExt(val, Problems.child(ptr, k));
			}
		});
		if (attributes != null && provider != null) {
			for (String a : provider.attributeOptions()) {
				if (attributes.containsKey(a)) {
					options.put(a, attributes.get(a));
				}
			}
		}
		if (className != null && provider == null) {
			problems.add(ptr + (m.containsKey("()") ? "/()" : "/class"), providers.unknownClass(className));
		}
		if (provider == null) {
			return null;
		}
		// returned also when other keys had problems (the config is rejected then), so that the
		// provider still checks the options and every problem of the handler is reported at once
		return new HandlerDef(name, className, level != null ? level : Level.NOTSET, formatter, formatterDef, filters,
				options, buffer);
	}

	private String className(Map<String, Object> m, String ptr) {
		boolean hasClass = m.containsKey("class");
		boolean hasFactory = m.containsKey("()");
		if (hasClass && hasFactory) {
			problems.add(ptr + "/()", "expected either 'class' or '()', found both");
			return null;
		}
		if (!hasClass && !hasFactory) {
			String suggestion = null;
			for (String k : m.keySet()) {
				if (dev.sluice.pipeline.sink.options.Suggestions.closest(k, List.of("class")) != null) {
					suggestion = k;
				}
			}
			problems.add(ptr + "/class", "expected a 'class' (or a '()' factory) naming the handler class, found none"
					+ (suggestion != null ? " (is '" + suggestion + "' a misspelt 'class'?)" : ""));
			return null;
		}
		return values.string(m.get(hasClass ? "class" : "()"), ptr + (hasClass ? "/class" : "/()"));
	}

	/** The handler's buffer from Sluice's buffer keys. */
	private BufferSpec buffer(Map<String, Object> m, String ptr, BufferSpec dflt) {
		BufferSpec b = dflt;
		if (m.get("buffer_size") != null) {
			Long n = integer(m.get("buffer_size"), ptr + "/buffer_size", 2, MAX_BUFFER);
			if (n != null) {
				b = b.withCapacity(n.intValue());
			}
		}
		if (m.get("max_batch") != null) {
			Long n = integer(m.get("max_batch"), ptr + "/max_batch", 1, MAX_BATCH);
			if (n != null) {
				b = b.withMaxBatch(n.intValue());
			}
		}
		if (m.get("overflow") != null) {
			String s = values.string(m.get("overflow"), ptr + "/overflow");
			if (s != null) {
				try {
					b = b.withPolicy(OverflowPolicy.parse(s));
				}
				catch (IllegalArgumentException e) {
					problems.add(ptr + "/overflow", "expected one of drop_newest, drop_oldest, block, found '" + s + "'");
				}
			}
		}
		Duration blockTimeout = duration(m, "block_timeout", ptr, null,
				"a duration (seconds, or a string such as \"500ms\", \"5s\")");
		if (blockTimeout != null) {
			b = b.withBlockTimeout(blockTimeout);
		}
		Duration linger = duration(m, "linger", ptr, BufferSpec.MAX_LINGER, "a duration from 0 to "
				+ BufferSpec.MAX_LINGER.toSeconds() + " s (seconds, or a string such as \"100ms\")");
		if (linger != null) {
			b = b.withLinger(linger);
		}
		Level discardBelow = m.get("discard_below") != null ? values.level(m.get("discard_below"),
				ptr + "/discard_below") : null;
		double mark = b.fillMark();
		if (m.get("fill_mark") != null) {
			Object f = m.get("fill_mark");
			if (!(f instanceof Number) || !(((Number) f).doubleValue() > 0 && ((Number) f).doubleValue() <= 1)) {
				problems.expected(ptr + "/fill_mark", "a fraction of the buffer above 0 and at most 1, such as 0.8", f);
			}
			else {
				mark = ((Number) f).doubleValue();
			}
		}
		return discardBelow != null || mark != b.fillMark() ? b.withDiscardBelow(discardBelow, mark) : b;
	}

	/**
	 * The duration at {@code key}, or null when absent or not one from zero to {@code max} (null: no
	 * upper bound; a problem saying {@code expected} is then reported at the key).
	 */
	private Duration duration(Map<String, Object> m, String key, String ptr, Duration max, String expected) {
		Object v = m.get(key);
		if (v == null) {
			return null;
		}
		Duration d = SinkOptions.parseDuration(v);
		if (d == null || d.isNegative() || max != null && d.compareTo(max) > 0) {
			problems.expected(ptr + "/" + key, expected, v);
			return null;
		}
		return d;
	}

	/**
	 * The largest buffer a handler may ask for (4,194,304 records): each slot holds a reference and,
	 * full, a record, so a bigger buffer is memory the JVM may not have (2^30 slots need GBs).
	 */
	static final long MAX_BUFFER = 1L << 22;
	/** The largest batch handed to a sink at once. */
	static final long MAX_BATCH = 1L << 20;

	private Long integer(Object v, String ptr, long min, long max) {
		if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())
				|| ((Number) v).doubleValue() < min || ((Number) v).doubleValue() > max) {
			problems.expected(ptr, String.format(java.util.Locale.ROOT, "an integer from %,d to %,d", min, max), v);
			return null;
		}
		return ((Number) v).longValue();
	}

	/** Only {@code ext://sys.stdout} and {@code ext://sys.stderr} mean something in Java. */
	private void checkExt(Object v, String ptr) {
		if (v instanceof String && ((String) v).startsWith("ext://")) {
			String s = (String) v;
			if (!s.equals("ext://sys.stdout") && !s.equals("ext://sys.stderr") && !s.equals("ext://socket.SOCK_DGRAM")
					&& !s.equals("ext://socket.SOCK_STREAM")) {
				problems.add(ptr, "expected ext://sys.stdout, ext://sys.stderr or ext://socket.SOCK_DGRAM/SOCK_STREAM (the only ext:// objects Sluice has),"
						+ " found '" + s + "'");
			}
		}
		else if (v instanceof List) {
			List<?> l = (List<?>) v;
			for (int i = 0; i < l.size(); i++) {
				checkExt(l.get(i), Problems.child(ptr, i));
			}
		}
		else if (v instanceof Map) {
			((Map<?, ?>) v).forEach((k, x) -> checkExt(x, Problems.child(ptr, String.valueOf(k))));
		}
	}
}
