package dev.sluice.layouts;

import dev.sluice.pipeline.LogRecord;

/**
 * One {@code %(key)[flags][width][.precision]type} field, formatted as Python's {@code %}
 * operator formats that attribute's value. Type errors that CPython would raise for every
 * record (such as {@code %(message)d}) are found when the format is compiled.
 *
 * <p>The common shapes ({@code %(name)s}, {@code %(levelname)-8s}, {@code %(lineno)d},
 * {@code %(msecs)03d}) append straight into the output without allocating.
 */
final class PercentField implements Part {

	private static final String SPACES = " ".repeat(64);

	private final PyAttribute attr;
	private final String key;
	private final boolean minus;
	private final boolean plus;
	private final boolean space;
	private final boolean zero;
	private final boolean alt;
	private final int width;
	private final int prec;
	private final char conv;

	PercentField(String key, String flags, int width, int prec, char conv) {
		this.attr = PyAttribute.byName(key);
		this.key = key;
		this.minus = flags.indexOf('-') >= 0;
		this.plus = flags.indexOf('+') >= 0;
		this.space = flags.indexOf(' ') >= 0;
		this.zero = flags.indexOf('0') >= 0;
		this.alt = flags.indexOf('#') >= 0;
		this.width = width;
		this.prec = prec;
		this.conv = conv;
		check();
	}

	private void check() {
		PyAttribute.Kind k = attr.kind;
		String type = k == PyAttribute.Kind.STR ? "str" : k == PyAttribute.Kind.INT ? "int" : "float";
		switch (conv) {
			case 'd': case 'i': case 'u': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
				if (k == PyAttribute.Kind.STR) {
					throw new IllegalArgumentException("%(" + key + ")" + conv + ": format requires a number, but "
							+ key + " is a str (use %(" + key + ")s)");
				}
				break;
			case 'x': case 'X': case 'o':
				if (k == PyAttribute.Kind.STR || k == PyAttribute.Kind.FLOAT) {
					throw new IllegalArgumentException("%(" + key + ")" + conv + ": an integer is required, not "
							+ type);
				}
				break;
			case 'c':
				if (k == PyAttribute.Kind.STR || k == PyAttribute.Kind.FLOAT) {
					throw new IllegalArgumentException("%(" + key + ")c: requires an int, but " + key + " is a "
							+ type);
				}
				break;
			default:
		}
	}

	@Override
	public PyAttribute attribute() {
		return attr;
	}

	@Override
	public void append(LogRecord r, FormatContext ctx, StringBuilder out) {
		PyAttribute.Kind kind = attr.kind;
		if (conv == 's' && prec < 0) {
			if (kind == PyAttribute.Kind.STR) {
				int start = out.length();
				if (attr == PyAttribute.ASCTIME) {
					ctx.appendAsctime(r, out);
				}
				else if (attr == PyAttribute.MESSAGE && ctx.escape) {
					PyStrings.appendEscaped(r.message(), out);
				}
				else if (attr == PyAttribute.MESSAGE) {
					r.formatMessageTo(out); // straight into the line: no String, no argument array
				}
				else {
					out.append(attr.string(r, ctx));
				}
				if (width > 0) {
					padInPlace(out, start, width, minus);
				}
				return;
			}
			if (kind == PyAttribute.Kind.INT && width < 0) {
				out.append(attr.integer(r, ctx));
				return;
			}
		}
		if ((conv == 'd' || conv == 'i' || conv == 'u') && kind != PyAttribute.Kind.ANY) {
			long v = kind == PyAttribute.Kind.INT ? attr.integer(r, ctx) : (long) attr.floating(r, ctx);
			appendInt(out, v);
			return;
		}
		slow(r, ctx, out);
	}

	private void slow(LogRecord r, FormatContext ctx, StringBuilder out) {
		Object value = attr.value(r, ctx, key, conv);
		formatValue(value, out);
	}

	private void formatValue(Object value, StringBuilder out) {
		switch (conv) {
			case 'd': case 'i': case 'u':
				if (value instanceof Number) {
					appendInt(out, ((Number) value).longValue());
					return;
				}
				break;
			case 'x': case 'X': case 'o':
				if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
					long v = ((Number) value).longValue();
					String digits = conv == 'o' ? Long.toOctalString(Math.abs(v)) : Long.toHexString(Math.abs(v));
					if (conv == 'X') {
						digits = digits.toUpperCase(java.util.Locale.ROOT);
					}
					number(out, v < 0, alt ? (conv == 'o' ? "0o" : conv == 'x' ? "0x" : "0X") : "",
							zeroExtend(digits));
					return;
				}
				break;
			case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
				if (value instanceof Number) {
					double d = ((Number) value).doubleValue();
					int p = prec < 0 ? 6 : prec;
					char lower = Character.toLowerCase(conv);
					char e = Character.isUpperCase(conv) ? 'E' : 'e';
					String body = lower == 'f' ? PyNumbers.fixed(d, p, alt)
							: lower == 'e' ? PyNumbers.exp(d, p, alt, e)
							: PyNumbers.general(d, p, alt, false, e);
					number(out, d < 0 || d == 0 && 1 / d < 0, "", body);
					return;
				}
				break;
			case 'c':
				if (value instanceof Number) {
					text(out, new String(Character.toChars((int) ((Number) value).longValue())));
					return;
				}
				break;
			case 'r':
				text(out, PyStrings.repr(value, false));
				return;
			case 'a':
				text(out, PyStrings.repr(value, true));
				return;
			default:
		}
		// 's', and an extra field whose value does not suit the conversion: its str()
		text(out, PyStrings.str(value));
	}

	/** A decimal integer with sign, precision (minimum digits) and padding, without allocating. */
	private void appendInt(StringBuilder out, long v) {
		if (width < 0 && prec < 0 && !plus && !space) {
			out.append(v);
			return;
		}
		long abs = Math.abs(v);
		int digits = 1;
		for (long t = abs; t >= 10; t /= 10) {
			digits++;
		}
		int body = Math.max(digits, prec);
		boolean neg = v < 0;
		int signLen = neg || plus || space ? 1 : 0;
		int pad = Math.max(0, width - body - signLen);
		if (!minus && !zero) {
			repeat(out, ' ', pad);
		}
		if (signLen > 0) {
			out.append(neg ? '-' : plus ? '+' : ' ');
		}
		if (!minus && zero) {
			repeat(out, '0', pad);
		}
		repeat(out, '0', body - digits);
		out.append(abs);
		if (minus) {
			repeat(out, ' ', pad);
		}
	}

	private String zeroExtend(String digits) {
		return prec > digits.length() ? "0".repeat(prec - digits.length()) + digits : digits;
	}

	private void number(StringBuilder out, boolean neg, String prefix, String body) {
		String sign = neg ? "-" : plus ? "+" : space ? " " : "";
		int pad = Math.max(0, width - sign.length() - prefix.length() - body.length());
		if (minus) {
			out.append(sign).append(prefix).append(body);
			repeat(out, ' ', pad);
		}
		else if (zero) {
			out.append(sign).append(prefix);
			repeat(out, '0', pad);
			out.append(body);
		}
		else {
			repeat(out, ' ', pad);
			out.append(sign).append(prefix).append(body);
		}
	}

	/** Text with precision (truncation) and width, counted in code points as Python counts. */
	private void text(StringBuilder out, String s) {
		String v = s;
		if (prec >= 0 && v.codePointCount(0, v.length()) > prec) {
			v = v.substring(0, v.offsetByCodePoints(0, prec));
		}
		int start = out.length();
		out.append(v);
		if (width > 0) {
			padInPlace(out, start, width, minus);
		}
	}

	/** Pads the text appended since {@code start} with spaces to {@code width} code points. */
	static void padInPlace(StringBuilder out, int start, int width, boolean left) {
		int len = out.codePointCount(start, out.length());
		int pad = width - len;
		if (pad <= 0) {
			return;
		}
		if (left) {
			repeat(out, ' ', pad);
		}
		else {
			while (pad > 0) {
				int n = Math.min(pad, SPACES.length());
				out.insert(start, SPACES, 0, n);
				pad -= n;
			}
		}
	}

	static void repeat(StringBuilder out, char c, int n) {
		for (int i = 0; i < n; i++) {
			out.append(c);
		}
	}

	@Override
	public String toString() {
		return "%(" + key + ")" + conv;
	}
}
