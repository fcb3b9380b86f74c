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
}
