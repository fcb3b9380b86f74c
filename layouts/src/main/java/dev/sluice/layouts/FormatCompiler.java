package dev.sluice.layouts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compiles a Python format string of one of the three styles into parts, once. A format that
 * CPython could not apply to any record (unbalanced braces, an unknown conversion, a bare
 * {@code $}, a type error such as {@code %(message)d}) is rejected whatever {@code validate}
 * says; with {@code validate}, the checks of CPython's {@code Formatter(validate=True)} apply too
 * (for instance a {@code %} format must contain at least one {@code %(name)s} field).
 */
final class FormatCompiler {

	// CPython 3.11 logging.PercentStyle.validation_pattern and StrFormatStyle's patterns, verbatim
	private static final Pattern PERCENT_VALIDATION = Pattern.compile(
			"%\\(\\w+\\)[#0+ -]*(\\*|\\d+)?(\\.(\\*|\\d+))?[diouxefgcrsa%]",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
	private static final Pattern FMT_SPEC = Pattern.compile(
			"^(.?[<>=^])?[+ -]?#?0?(\\d+|\\{\\w+})?[,_]?(\\.(\\d+|\\{\\w+}))?[bcdefgnosx%]?$",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
	private static final Pattern FIELD_SPEC = Pattern.compile("^(\\d+|\\w+)(\\.\\w+|\\[[^]]+])*$",
			Pattern.UNICODE_CHARACTER_CLASS);
	private static final Pattern WORD = Pattern.compile("\\w+", Pattern.UNICODE_CHARACTER_CLASS);

	private FormatCompiler() {
	}

	static List<Part> compile(String fmt, char style, boolean validate) {
		switch (style) {
			case '%':
				return percent(fmt, validate);
			case '{':
				return brace(fmt, validate);
			case '$':
				return template(fmt, validate);
			default:
				throw new IllegalArgumentException("Style must be one of: %,{,$ (found '" + style + "')");
		}
	}

	private static IllegalArgumentException bad(String fmt, char style, String why) {
		return new IllegalArgumentException("invalid '" + style + "' style format '" + fmt + "': " + why);
	}

	static List<Part> percent(String fmt, boolean validate) {
		if (validate && !PERCENT_VALIDATION.matcher(fmt).find()) {
			throw new IllegalArgumentException("Invalid format '" + fmt + "' for '%' style");
		}
		List<Part> parts = new ArrayList<>();
		StringBuilder lit = new StringBuilder();
		int n = fmt.length();
		int i = 0;
		while (i < n) {
			char c = fmt.charAt(i);
			if (c != '%') {
				lit.append(c);
				i++;
				continue;
			}
			int start = i++;
			if (i >= n) {
				throw bad(fmt, '%', "incomplete format at index " + start);
			}
			if (fmt.charAt(i) == '%') {
				lit.append('%');
				i++;
				continue;
			}
			if (fmt.charAt(i) != '(') {
				throw bad(fmt, '%', "'%" + fmt.charAt(i) + "' at index " + start
						+ " has no (name): a record is formatted by field names, such as %(message)s");
			}
			int depth = 1;
			int keyStart = ++i;
			while (i < n && depth > 0) {
				char k = fmt.charAt(i++);
				if (k == '(') {
					depth++;
				}
				else if (k == ')') {
					depth--;
				}
			}
			if (depth > 0) {
				throw bad(fmt, '%', "incomplete format key at index " + start);
			}
			String key = fmt.substring(keyStart, i - 1);
			int flagsFrom = i;
			while (i < n && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
				i++;
			}
			String flags = fmt.substring(flagsFrom, i);
			int width = -1;
			if (i < n && fmt.charAt(i) == '*') {
				throw bad(fmt, '%', "'*' width at index " + i + " needs a positional argument");
			}
			while (i < n && Character.isDigit(fmt.charAt(i))) {
				width = Math.max(width, 0) * 10 + (fmt.charAt(i++) - '0');
			}
			int prec = -1;
			if (i < n && fmt.charAt(i) == '.') {
				i++;
				if (i < n && fmt.charAt(i) == '*') {
					throw bad(fmt, '%', "'*' precision at index " + i + " needs a positional argument");
				}
				prec = 0;
				while (i < n && Character.isDigit(fmt.charAt(i))) {
					prec = prec * 10 + (fmt.charAt(i++) - '0');
				}
			}
			while (i < n && "hlL".indexOf(fmt.charAt(i)) >= 0) {
				i++;
			}
			if (i >= n) {
				throw bad(fmt, '%', "incomplete format at index " + start);
			}
			char conv = fmt.charAt(i++);
			if ("diouxXeEfFgGcrsa".indexOf(conv) < 0) {
				throw bad(fmt, '%', "unsupported format character '" + conv + "' (0x"
						+ Integer.toHexString(conv) + ") at index " + (i - 1));
			}
			flush(lit, parts);
			parts.add(new PercentField(key, flags, width, prec, conv));
		}
		flush(lit, parts);
		return List.copyOf(parts);
	}

	static List<Part> brace(String fmt, boolean validate) {
		List<Part> parts = new ArrayList<>();
		StringBuilder lit = new StringBuilder();
		int n = fmt.length();
		int i = 0;
		boolean fields = false;
		while (i < n) {
			char c = fmt.charAt(i);
			if (c == '}') {
				if (i + 1 < n && fmt.charAt(i + 1) == '}') {
					lit.append('}');
					i += 2;
					continue;
				}
				throw bad(fmt, '{', "Single '}' encountered in format string");
			}
			if (c != '{') {
				lit.append(c);
				i++;
				continue;
			}
			if (i + 1 < n && fmt.charAt(i + 1) == '{') {
				lit.append('{');
				i += 2;
				continue;
			}
			int start = ++i;
			int depth = 1;
			while (i < n && depth > 0) {
				char k = fmt.charAt(i++);
				if (k == '{') {
					depth++;
				}
				else if (k == '}') {
					depth--;
				}
			}
			if (depth > 0) {
				throw bad(fmt, '{', "expected '}' before end of string");
			}
			String field = fmt.substring(start, i - 1);
			int colon = field.indexOf(':');
			String head = colon < 0 ? field : field.substring(0, colon);
			String spec = colon < 0 ? "" : field.substring(colon + 1);
			int bang = head.indexOf('!');
			String name = bang < 0 ? head : head.substring(0, bang);
			char conversion = 0;
			if (bang >= 0) {
				String conv = head.substring(bang + 1);
				if (conv.length() != 1) {
					throw bad(fmt, '{', "expected ':' after conversion specifier in {" + field + "}");
				}
				conversion = conv.charAt(0);
				if ("rsa".indexOf(conversion) < 0) {
					throw bad(fmt, '{', "invalid conversion: '" + conversion + "'");
				}
			}
			if (validate) {
				if (!name.isEmpty() && !FIELD_SPEC.matcher(name).matches()) {
					throw bad(fmt, '{', "invalid field name/expression: '" + name + "'");
				}
				if (!spec.isEmpty() && !FMT_SPEC.matcher(spec).matches()) {
					throw bad(fmt, '{', "bad specifier: '" + spec + "'");
				}
			}
			if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
				throw bad(fmt, '{', "positional field {" + name + "}: a record is formatted by field names, such as"
						+ " {message} (CPython accepts the format and fails on every record)");
			}
			int cut = indexOfAccess(name);
			String base = cut < 0 ? name : name.substring(0, cut);
			if (!WORD.matcher(base).matches()) {
				throw bad(fmt, '{', "invalid field name/expression: '" + name + "'");
			}
			try {
				FieldPath path = cut < 0 ? null : FieldPath.parse(name, name.substring(cut));
				if (validate && spec.indexOf('{') >= 0) {
					// validated nested fields stand for a width or a precision: what no number makes valid fails
					// on every record, so it is refused now
					new BraceField(base, path, conversion, spec.replaceAll("\\{\\w+}", "1"));
				}
				flush(lit, parts);
				parts.add(spec.indexOf('{') >= 0 ? new DynamicBraceField(base, path, conversion, nestedSpec(field, spec))
						: new BraceField(base, path, conversion, spec));
			}
			catch (IllegalArgumentException e) {
				throw bad(fmt, '{', e.getMessage());
			}
			fields = true;
		}
		flush(lit, parts);
		if (validate && !fields) {
			throw bad(fmt, '{', "no fields");
		}
		return List.copyOf(parts);
	}

	private static int indexOfAccess(String name) {
		for (int i = 0; i < name.length(); i++) {
			if (name.charAt(i) == '.' || name.charAt(i) == '[') {
				return i;
			}
		}
		return -1;
	}

	/** A spec with nested fields, {@code 12.{p}}: literals and {@code {name}} fields, filled per record. */
	private static List<Part> nestedSpec(String field, String spec) {
		List<Part> parts = new ArrayList<>();
		StringBuilder lit = new StringBuilder();
		int i = 0;
		while (i < spec.length()) {
			char c = spec.charAt(i);
			if (c == '{') {
				int close = spec.indexOf('}', i);
				String inner = close < 0 ? "" : spec.substring(i + 1, close);
				if (!WORD.matcher(inner).matches() || Character.isDigit(inner.charAt(0))) {
					throw new IllegalArgumentException("field {" + field + "}: a nested field in a format spec must be"
							+ " {name}, found '" + spec.substring(i) + "'");
				}
				flush(lit, parts);
				parts.add(new BraceField(inner, (char) 0, ""));
				i = close + 1;
			}
			else if (c == '}') {
				throw new IllegalArgumentException("field {" + field + "}: Single '}' encountered in format spec");
			}
			else {
				lit.append(c);
				i++;
			}
		}
		flush(lit, parts);
		return parts;
	}

	static List<Part> template(String fmt, boolean validate) {
		List<Part> parts = new ArrayList<>();
		StringBuilder lit = new StringBuilder();
		int n = fmt.length();
		int i = 0;
		boolean fields = false;
		while (i < n) {
			char c = fmt.charAt(i);
			if (c != '$') {
				lit.append(c);
				i++;
				continue;
			}
			int at = i++;
			String name = null;
			if (i < n && fmt.charAt(i) == '$') {
				lit.append('$');
				i++;
				continue;
			}
			if (i < n && isIdStart(fmt.charAt(i))) {
				int s = i;
				while (i < n && isIdPart(fmt.charAt(i))) {
					i++;
				}
				name = fmt.substring(s, i);
			}
			else if (i < n && fmt.charAt(i) == '{') {
				int close = fmt.indexOf('}', i);
				String inner = close < 0 ? "" : fmt.substring(i + 1, close);
				if (close > 0 && !inner.isEmpty() && isIdStart(inner.charAt(0))
						&& inner.chars().allMatch(ch -> isIdPart((char) ch))) {
					name = inner;
					i = close + 1;
				}
			}
			if (name == null) {
				int line = 1;
				int col = 1;
				for (int k = 0; k < at; k++) {
					if (fmt.charAt(k) == '\n') {
						line++;
						col = 1;
					}
					else {
						col++;
					}
				}
				throw bad(fmt, '$', (validate ? "bare '$' not allowed" : "Invalid placeholder in string")
						+ ": line " + line + ", col " + col);
			}
			flush(lit, parts);
			parts.add(new PercentField(name, "", -1, -1, 's'));
			fields = true;
		}
		flush(lit, parts);
		if (validate && !fields) {
			throw bad(fmt, '$', "no fields");
		}
		return List.copyOf(parts);
	}

	// string.Template.idpattern: (?a:[_a-z][_a-z0-9]*) with re.IGNORECASE
	private static boolean isIdStart(char c) {
		return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
	}

	private static boolean isIdPart(char c) {
		return isIdStart(c) || c >= '0' && c <= '9';
	}

	private static void flush(StringBuilder lit, List<Part> parts) {
		if (lit.length() > 0) {
			parts.add(Part.literal(lit.toString()));
			lit.setLength(0);
		}
	}
}
