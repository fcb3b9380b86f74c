package dev.sluice.pipeline.sink.options;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@link SinkOptions} reads and names the values of a parsed config: stateless helpers. */
final class OptionValues {

	private OptionValues() {
	}

	static String typeName(Object v) {
		if (v instanceof String || v instanceof Secret) {
			return "string";
		}
		if (v instanceof Number) {
			return "number";
		}
		if (v instanceof Boolean) {
			return "boolean";
		}
		if (v instanceof List) {
			return "list";
		}
		if (v instanceof Map) {
			return "object";
		}
		return v == null ? "null" : v.getClass().getSimpleName();
	}

	/** A whole number that fits a long (1e23 does not: it would be read as Long.MAX_VALUE). */
	static boolean isIntegral(Number n) {
		if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
			return true;
		}
		if (n instanceof java.math.BigInteger) {
			return ((java.math.BigInteger) n).bitLength() < 64;
		}
		double d = n.doubleValue();
		return d == Math.rint(d) && Math.abs(d) < 9.2e18;
	}

	/** A number of seconds, an ISO-8601 duration or a number with a unit (ms, s, m, h, d); null when it is none. */
	static Duration duration(Object v) {
		if (v instanceof Number) {
			double seconds = ((Number) v).doubleValue();
			if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
				return null;
			}
			return Duration.ofNanos(Math.round(seconds * 1e9));
		}
		if (!(v instanceof String)) {
			return null;
		}
		String s = ((String) v).trim().toLowerCase(Locale.ROOT);
		try {
			if (s.startsWith("pt") || s.startsWith("p")) {
				return Duration.parse(s.toUpperCase(Locale.ROOT));
			}
			int i = 0;
			while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
				i++;
			}
			if (i == 0) {
				return null;
			}
			double n = Double.parseDouble(s.substring(0, i));
			String unit = s.substring(i).trim();
			double nanosPer;
			switch (unit) {
				case "": case "s": case "sec": case "secs": case "second": case "seconds":
					nanosPer = 1e9;
					break;
				case "ms": case "millis": case "milliseconds":
					nanosPer = 1e6;
					break;
				case "m": case "min": case "mins": case "minute": case "minutes":
					nanosPer = 60e9;
					break;
				case "h": case "hour": case "hours":
					nanosPer = 3600e9;
					break;
				case "d": case "day": case "days":
					nanosPer = 86400e9;
					break;
				default:
					return null;
			}
			return Duration.ofNanos(Math.round(n * nanosPer));
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	/** {@code v} as a whole number (a JSON integer or its text), or null when it is none. */
	static Long toLong(Object v) {
		if (v instanceof Number && isIntegral((Number) v)) {
			return ((Number) v).longValue();
		}
		if (v instanceof String) {
			try {
				return Long.parseLong(((String) v).trim());
			}
			catch (NumberFormatException e) {
				return null;
			}
		}
		return null;
	}

	/** {@code v} as a number (a JSON number or its text), or null when it is none. */
	static Double toDouble(Object v) {
		if (v instanceof Number) {
			return ((Number) v).doubleValue();
		}
		if (v instanceof String) {
			try {
				return Double.parseDouble(((String) v).trim());
			}
			catch (NumberFormatException e) {
				return null;
			}
		}
		return null;
	}

	/** {@code v} as a boolean (JSON true/false, true/false/yes/no/on/off/1/0 in any case), or null. */
	static Boolean toBoolean(Object v) {
		if (v instanceof Boolean) {
			return (Boolean) v;
		}
		if (v instanceof String) {
			switch (((String) v).trim().toLowerCase(Locale.ROOT)) {
				case "true": case "yes": case "1": case "on":
					return true;
				case "false": case "no": case "0": case "off":
					return false;
				default:
					return null;
			}
		}
		if (v instanceof Number && isIntegral((Number) v)) {
			long l = ((Number) v).longValue();
			if (l == 0 || l == 1) {
				return l == 1;
			}
		}
		return null;
	}

	/** How a problem names the value found: its type and value, or only its type when it may be a secret. */
	static String describe(String key, Object v) {
		if (SinkOptions.looksSecret(key) || v instanceof Secret) {
			return "a " + typeName(v) + " (value hidden)";
		}
		return v instanceof String ? "'" + v + "'" : typeName(v) + " " + v;
	}

	/** {@code name{key=value, ...}} with the values of secret-looking keys and {@link Secret}s masked. */
	static String render(String name, Map<String, Object> values) {
		StringBuilder sb = new StringBuilder(name).append('{');
		boolean first = true;
		for (Map.Entry<String, Object> e : values.entrySet()) {
			if (!first) {
				sb.append(", ");
			}
			first = false;
			sb.append(e.getKey()).append('=')
					.append(SinkOptions.looksSecret(e.getKey()) || e.getValue() instanceof Secret ? "******" : e.getValue());
		}
		return sb.append('}').toString();
	}
}
