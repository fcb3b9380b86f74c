package dev.sluice.events;

/**
 * The text's resume expression, {@code Name === literal}: a name (letters, digits, {@code _},
 * {@code .}, {@code -}), {@code ===}, and a double-quoted string (backslash escapes {@code \"}
 * and {@code \\}, as {@link Events#quote} writes them), a number, {@code true} or {@code false}.
 */
final class ResumeExpression {

	private static final String FORM = "expected Name === \"text\", Name === 42, or Name === true/false";

	private final String attribute;
	private final Object value;

	private ResumeExpression(String attribute, Object value) {
		this.attribute = attribute;
		this.value = value;
	}

	String attribute() {
		return attribute;
	}

	Object value() {
		return value;
	}

	/**
	 * @throws IllegalArgumentException naming the expression, the position and what was expected
	 */
	static ResumeExpression parse(String expression) {
		if (expression == null) {
			throw new IllegalArgumentException("resume expression is null; " + FORM);
		}
		String s = expression;
		int i = skip(s, 0);
		int nameStart = i;
		while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "_.-".indexOf(s.charAt(i)) >= 0)) {
			i++;
		}
		if (i == nameStart) {
			throw error(expression, i, "an attribute name");
		}
		String name = s.substring(nameStart, i);
		i = skip(s, i);
		if (!s.startsWith("===", i)) {
			throw error(expression, i, "'==='");
		}
		i = skip(s, i + 3);
		if (i >= s.length()) {
			throw error(expression, i, "a value");
		}
		Object value;
		char c = s.charAt(i);
		if (c == '"') {
			StringBuilder sb = new StringBuilder();
			i++;
			boolean closed = false;
			while (i < s.length()) {
				char ch = s.charAt(i++);
				if (ch == '\\' && i < s.length()) {
					sb.append(s.charAt(i++));
				}
				else if (ch == '"') {
					closed = true;
					break;
				}
				else {
					sb.append(ch);
				}
			}
			if (!closed) {
				throw error(expression, s.length(), "a closing '\"'");
			}
			value = sb.toString();
		}
		else {
			int start = i;
			while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
				i++;
			}
			String token = s.substring(start, i);
			value = literal(token);
			if (value == null) {
				throw error(expression, start, "a double-quoted string, a number, true or false, not '" + token + "'");
			}
		}
		i = skip(s, i);
		if (i != s.length()) {
			throw error(expression, i, "the end of the expression");
		}
		return new ResumeExpression(name, value);
	}

	private static Object literal(String token) {
		if ("true".equals(token) || "false".equals(token)) {
			return Boolean.valueOf(token);
		}
		if (token.matches("[-+]?\\d+")) {
			try {
				return Long.parseLong(token);
			}
			catch (NumberFormatException tooBig) {
				return null;
			}
		}
		if (token.matches("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
			return Double.parseDouble(token);
		}
		return null;
	}

	private static int skip(String s, int i) {
		while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
			i++;
		}
		return i;
	}

	private static IllegalArgumentException error(String expression, int position, String expected) {
		return new IllegalArgumentException("resume expression '" + expression + "' at position " + position + ": expected "
				+ expected + " (" + FORM + ")");
	}
}
