package dev.sluice.layouts;

import java.util.Locale;

import dev.sluice.pipeline.LogRecord;

/**
 * One {@code {key!conversion:spec}} field of a {@code str.format} style format, formatted with
 * Python's format specification mini-language
 * ({@code [[fill]align][sign][z][#][0][width][grouping][.precision][type]}). Specs that CPython
 * rejects for the attribute's type are rejected when the format is compiled, with CPython's
 * message.
 */
final class BraceField implements Part {

	private final PyAttribute attr;
	private final String key;
	/** The field's attribute and index accesses ({@code [0].bar}), or null. */
	private final FieldPath path;
	private final char conversion;
	private final char fill;
	private final char align;
	private final char sign;
	private final boolean alt;
	private final int width;
	private final char grouping;
	private final int prec;
	private final char type;
	private final boolean plain;

	BraceField(String key, char conversion, String spec) {
		this(key, null, conversion, spec);
	}

	BraceField(String key, FieldPath path, char conversion, String spec) {
		this.attr = PyAttribute.byName(key);
		this.key = key;
		this.path = path;
		this.conversion = conversion;
		int i = 0;
		int n = spec.length();
		char f = 0;
		char a = 0;
		if (n >= 2 && "<>=^".indexOf(spec.charAt(1)) >= 0) {
			f = spec.charAt(0);
			a = spec.charAt(1);
			i = 2;
		}
		else if (n >= 1 && "<>=^".indexOf(spec.charAt(0)) >= 0) {
			a = spec.charAt(0);
			i = 1;
		}
		char sg = 0;
		if (i < n && "+- ".indexOf(spec.charAt(i)) >= 0) {
			sg = spec.charAt(i++);
		}
		if (i < n && spec.charAt(i) == 'z') {
			i++;
		}
		boolean hash = false;
		if (i < n && spec.charAt(i) == '#') {
			hash = true;
			i++;
		}
		boolean zeroFlag = false;
		if (i < n && spec.charAt(i) == '0') {
			zeroFlag = true;
			i++;
		}
		int w = -1;
		while (i < n && Character.isDigit(spec.charAt(i))) {
			w = Math.max(w, 0) * 10 + (spec.charAt(i++) - '0');
		}
		char g = 0;
		if (i < n && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) {
			g = spec.charAt(i++);
		}
		int p = -1;
		if (i < n && spec.charAt(i) == '.') {
			i++;
			int digitsFrom = i;
			p = 0;
			while (i < n && Character.isDigit(spec.charAt(i))) {
				p = p * 10 + (spec.charAt(i++) - '0');
			}
			if (i == digitsFrom) {
				throw new IllegalArgumentException("{" + key + ":" + spec + "}: Format specifier missing precision");
			}
		}
		char t = 0;
		if (i < n) {
			t = spec.charAt(i++);
		}
		if (i < n) {
			throw new IllegalArgumentException("{" + key + ":" + spec + "}: Invalid format specifier '" + spec
					+ "' for object of type '" + typeName() + "'");
		}
		if (zeroFlag && f == 0) {
			f = '0';
		}
		this.sign = sg;
		this.alt = hash;
		this.width = w;
		this.grouping = g;
		this.prec = p;
		this.type = t;
		PyAttribute.Kind k = kind();
		boolean number = k == PyAttribute.Kind.INT || k == PyAttribute.Kind.FLOAT;
		if (zeroFlag && a == 0 && number) {
			a = '=';
		}
		this.fill = f == 0 ? ' ' : f;
		this.align = a;
		check(spec);
		this.plain = spec.isEmpty() && conversion == 0 && path == null;
	}

	/** The kind after the conversion: {@code !s}, {@code !r} and {@code !a} make a str. */
	private PyAttribute.Kind kind() {
		return conversion != 0 ? PyAttribute.Kind.STR : path != null ? PyAttribute.Kind.ANY : attr.kind;
	}

	private String typeName() {
		switch (kind()) {
			case INT: return "int";
			case FLOAT: return "float";
			default: return "str";
		}
	}

	private void check(String spec) {
		String where = "{" + key + (conversion != 0 ? "!" + conversion : "") + ":" + spec + "}: ";
		switch (kind()) {
			case STR:
				if (type != 0 && type != 's') {
					throw new IllegalArgumentException(where + "Unknown format code '" + type + "' for object of type 'str'");
				}
				if (sign != 0) {
					throw new IllegalArgumentException(where + "Sign not allowed in string format specifier");
				}
				if (alt) {
					throw new IllegalArgumentException(where + "Alternate form (#) not allowed in string format specifier");
				}
				if (align == '=') {
					throw new IllegalArgumentException(where + "'=' alignment not allowed in string format specifier");
				}
				if (grouping != 0) {
					throw new IllegalArgumentException(where + "Cannot specify '" + grouping + "' with 's'.");
				}
				break;
			case INT:
				if (type != 0 && "bcdoxXneEfFgG%".indexOf(type) < 0) {
					throw new IllegalArgumentException(where + "Unknown format code '" + type + "' for object of type 'int'");
				}
				if (prec >= 0 && "eEfFgG%".indexOf(type) < 0) {
					throw new IllegalArgumentException(where + "Precision not allowed in integer format specifier");
				}
				checkGrouping(where);
				break;
			case FLOAT:
				if (type != 0 && "eEfFgGn%".indexOf(type) < 0) {
					throw new IllegalArgumentException(where + "Unknown format code '" + type + "' for object of type 'float'");
				}
				checkGrouping(where);
				break;
			default:
		}
	}

	private void checkGrouping(String where) {
		if (grouping == ',' && type != 0 && "deEfFgG%".indexOf(type) < 0
				|| grouping == '_' && type != 0 && "dbxXoeEfFgG%".indexOf(type) < 0) {
			throw new IllegalArgumentException(where + "Cannot specify '" + grouping + "' with '" + type + "'.");
		}
		if (type == 'c' && sign != 0) {
			throw new IllegalArgumentException(where + "Sign not allowed with integer format specifier 'c'");
		}
	}

	@Override
	public PyAttribute attribute() {
		return attr;
	}

	@Override
	public void append(LogRecord r, FormatContext ctx, StringBuilder out) {
		if (plain && attr.kind == PyAttribute.Kind.STR) {
			if (attr == PyAttribute.ASCTIME) {
				ctx.appendAsctime(r, out);
			}
			else if (attr == PyAttribute.MESSAGE && ctx.escape) {
				PyStrings.appendEscaped(r.message(), out);
			}
			else {
				out.append(attr.string(r, ctx));
			}
			return;
		}
		Object value = attr.value(r, ctx, key, conversion);
		if (path != null) {
			value = path.apply(value);
		}
		if (conversion == 'r' || conversion == 'a') {
			value = PyStrings.repr(value, conversion == 'a');
		}
		else if (conversion == 's') {
			value = PyStrings.str(value);
		}
		format(value, out);
	}

	private void format(Object value, StringBuilder out) {
		boolean integral = value instanceof Long || value instanceof Integer || value instanceof Short
				|| value instanceof Byte;
		if (integral && (type == 0 || "bcdoxXn".indexOf(type) >= 0)) {
			long v = ((Number) value).longValue();
			if (type == 'c') {
				pad(out, "", "", new String(Character.toChars((int) v)), '<');
				return;
			}
			String digits;
			String prefix = "";
			int group = 3;
			switch (type) {
				case 'b': digits = Long.toBinaryString(Math.abs(v)); prefix = "0b"; group = 4; break;
				case 'o': digits = Long.toOctalString(Math.abs(v)); prefix = "0o"; group = 4; break;
				case 'x': digits = Long.toHexString(Math.abs(v)); prefix = "0x"; group = 4; break;
				case 'X': digits = Long.toHexString(Math.abs(v)).toUpperCase(Locale.ROOT); prefix = "0X"; group = 4; break;
				default: digits = Long.toString(Math.abs(v)); prefix = ""; break;
			}
			numeric(out, v < 0, alt ? prefix : "", digits, "", group);
			return;
		}
		if (value instanceof Number && !(value instanceof java.math.BigInteger)) {
			double d = ((Number) value).doubleValue();
			String body;
			char e = type != 0 && Character.isUpperCase(type) ? 'E' : 'e';
			boolean pct = type == '%';
			double x = pct ? d * 100 : d;
			switch (type) {
				case 'f': case 'F': case '%': body = PyNumbers.fixed(x, prec < 0 ? 6 : prec, alt); break;
				case 'e': case 'E': body = PyNumbers.exp(x, prec < 0 ? 6 : prec, alt, e); break;
				case 'g': case 'G': case 'n': body = PyNumbers.general(x, prec < 0 ? 6 : prec, alt, false, e); break;
				default:
					body = prec < 0 ? PyNumbers.repr(x) : PyNumbers.general(x, prec, alt, true, e);
			}
			int intEnd = 0;
			while (intEnd < body.length() && Character.isDigit(body.charAt(intEnd))) {
				intEnd++;
			}
			numeric(out, d < 0 || d == 0 && 1 / d < 0, "", body.substring(0, intEnd),
					body.substring(intEnd) + (pct ? "%" : ""), 3);
			return;
		}
		String s = PyStrings.str(value);
		if (prec >= 0 && s.codePointCount(0, s.length()) > prec) {
			s = s.substring(0, s.offsetByCodePoints(0, prec));
		}
		pad(out, "", "", s, '<');
	}

	/** Sign, prefix, grouped integer digits and the rest, aligned; zero fill with grouping as CPython. */
	private void numeric(StringBuilder out, boolean neg, String prefix, String intDigits, String rest, int group) {
		String sg = neg ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
		String digits = intDigits;
		if (grouping != 0) {
			if (align == '=' && fill == '0' && width > 0) {
				int min = width - sg.length() - prefix.length() - rest.length();
				StringBuilder z = new StringBuilder(digits);
				while (z.length() + (z.length() - 1) / group < min) {
					z.insert(0, '0');
				}
				digits = z.toString();
			}
			digits = PyNumbers.group(digits, grouping, group);
		}
		pad(out, sg, prefix, digits + rest, '>');
	}

	private void pad(StringBuilder out, String sg, String prefix, String body, char defaultAlign) {
		char a = align == 0 ? defaultAlign : align;
		int len = sg.length() + prefix.length() + body.codePointCount(0, body.length());
		int padding = Math.max(0, width - len);
		switch (a) {
			case '<':
				out.append(sg).append(prefix).append(body);
				repeat(out, padding);
				break;
			case '^':
				repeat(out, padding / 2);
				out.append(sg).append(prefix).append(body);
				repeat(out, padding - padding / 2);
				break;
			case '=':
				out.append(sg).append(prefix);
				repeat(out, padding);
				out.append(body);
				break;
			default:
				repeat(out, padding);
				out.append(sg).append(prefix).append(body);
		}
	}

	private void repeat(StringBuilder out, int n) {
		for (int i = 0; i < n; i++) {
			out.append(fill);
		}
	}

	@Override
	public String toString() {
		return "{" + key + (path != null ? path.toString() : "") + "}";
	}
}
