package dev.sluice.layouts;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code str()}, {@code repr()} and {@code ascii()} for the values a record carries, and
 * the control character escaping that keeps one record on one line.
 */
final class PyStrings {

	private PyStrings() {
	}

	/** {@code str(v)} for a Java value: None, True/False, Python's float repr, lists and dicts. */
	static String str(Object v) {
		if (v == null) {
			return "None";
		}
		if (v instanceof CharSequence) {
			return v.toString();
		}
		return repr(v, false);
	}

	/** {@code repr(v)} ({@code ascii(v)} when {@code ascii}). */
	static String repr(Object v, boolean ascii) {
		if (v == null) {
			return "None";
		}
		if (v instanceof Boolean) {
			return (Boolean) v ? "True" : "False";
		}
		if (v instanceof Double || v instanceof Float) {
			double d = ((Number) v).doubleValue();
			if (Double.isNaN(d)) {
				return "nan";
			}
			if (Double.isInfinite(d)) {
				return d > 0 ? "inf" : "-inf";
			}
			return (d < 0 || d == 0 && 1 / d < 0 ? "-" : "") + PyNumbers.repr(d);
		}
		if (v instanceof Number) {
			return v.toString();
		}
		if (v instanceof CharSequence) {
			return reprString(v.toString(), ascii);
		}
		if (v instanceof List) {
			StringBuilder sb = new StringBuilder("[");
			for (Iterator<?> it = ((List<?>) v).iterator(); it.hasNext();) {
				sb.append(repr(it.next(), ascii)).append(it.hasNext() ? ", " : "");
			}
			return sb.append(']').toString();
		}
		if (v instanceof Map) {
			StringBuilder sb = new StringBuilder("{");
			for (Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) v).entrySet().iterator(); it.hasNext();) {
				Map.Entry<?, ?> e = it.next();
				sb.append(repr(e.getKey(), ascii)).append(": ").append(repr(e.getValue(), ascii))
						.append(it.hasNext() ? ", " : "");
			}
			return sb.append('}').toString();
		}
		String s = v.toString();
		return ascii ? reprString(s, true).substring(1, reprString(s, true).length() - 1) : s;
	}

	/** Python's repr of a str: single quotes unless the text has a ' and no ", escapes as CPython. */
	static String reprString(String s, boolean ascii) {
		char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
		StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
		for (int i = 0; i < s.length();) {
			int cp = s.codePointAt(i);
			i += Character.charCount(cp);
			if (cp == quote || cp == '\\') {
				sb.append('\\').appendCodePoint(cp);
			}
			else if (cp == '\t') {
				sb.append("\\t");
			}
			else if (cp == '\n') {
				sb.append("\\n");
			}
			else if (cp == '\r') {
				sb.append("\\r");
			}
			else if (cp < 0x20 || cp == 0x7f || (ascii && cp > 0x7f) || (cp > 0x7f && !printable(cp))) {
				hexEscape(sb, cp);
			}
			else {
				sb.appendCodePoint(cp);
			}
		}
		return sb.append(quote).toString();
	}

	private static void hexEscape(StringBuilder sb, int cp) {
		String hex = Integer.toHexString(cp);
		int width = cp < 0x100 ? 2 : cp < 0x10000 ? 4 : 8;
		sb.append('\\').append(width == 2 ? 'x' : width == 4 ? 'u' : 'U');
		for (int k = hex.length(); k < width; k++) {
			sb.append('0');
		}
		sb.append(hex);
	}

	/** Python's str.isprintable() for one code point: not Cc, Cf, Cs, Co, Cn, Zl, Zp, nor a Zs but space. */
	private static boolean printable(int cp) {
		switch (Character.getType(cp)) {
			case Character.CONTROL:
			case Character.FORMAT:
			case Character.SURROGATE:
			case Character.PRIVATE_USE:
			case Character.UNASSIGNED:
			case Character.LINE_SEPARATOR:
			case Character.PARAGRAPH_SEPARATOR:
				return false;
			case Character.SPACE_SEPARATOR:
				return cp == ' ';
			default:
				return true;
		}
	}

	/** Whether {@code c} is escaped by {@link #appendEscaped}: a control character but tab, or a line/paragraph separator. */
	static boolean needsEscape(char c) {
		return c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029';
	}

	/**
	 * Appends {@code s} with CR, LF and the other control characters but tab escaped
	 * ({@code \n}, {@code \r}, {@code \x1b}, {@code \u2028}), so that a message cannot start a
	 * forged line; text without such characters is appended unchanged.
	 */
	static void appendEscaped(CharSequence s, StringBuilder out) {
		int n = s.length();
		int from = 0;
		for (int i = 0; i < n; i++) {
			char c = s.charAt(i);
			if (needsEscape(c)) {
				out.append(s, from, i);
				from = i + 1;
				if (c == '\n') {
					out.append("\\n");
				}
				else if (c == '\r') {
					out.append("\\r");
				}
				else {
					hexEscape(out, c);
				}
			}
		}
		out.append(s, from, n);
	}

	/** {@link #appendEscaped} into a String (the slow path, with width or precision). */
	static String escaped(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (needsEscape(s.charAt(i))) {
				StringBuilder sb = new StringBuilder(s.length() + 8);
				appendEscaped(s, sb);
				return sb.toString();
			}
		}
		return s;
	}
}
