package dev.sluice.pipeline;

import java.util.Arrays;

/**
 * Fills {@code {}} placeholders the way SLF4J's {@code MessageFormatter} does: a placeholder
 * escaped as <code>\{}</code> is literal, <code>\\{}</code> is a literal backslash followed by a
 * placeholder, arrays print their contents, surplus placeholders stay as they are, and an
 * argument whose {@code toString()} throws prints a marker instead of failing the record.
 *
 * <p>Stateless and thread-safe.
 */
final class MessageTemplate {

	private MessageTemplate() {
	}

	/**
	 * Appends the template with one or two arguments to {@code out} ({@code arg1} may be
	 * {@link LogRecord#ABSENT}), without an array. Package-private: the record's path.
	 */
	static void formatTo(String template, Object arg0, Object arg1, StringBuilder out) {
		int count = arg1 == LogRecord.ABSENT ? 1 : 2;
		int i = 0;
		int argIndex = 0;
		int len = template.length();
		while (i < len) {
			int j = template.indexOf("{}", i);
			if (j < 0 || argIndex >= count) {
				out.append(template, i, len);
				return;
			}
			if (isEscaped(template, j)) {
				if (isDoubleEscaped(template, j)) {
					out.append(template, i, j - 1);
					appendArgument(out, argIndex++ == 0 ? arg0 : arg1);
				}
				else {
					out.append(template, i, j - 1).append('{');
					i = j + 1;
					continue;
				}
			}
			else {
				out.append(template, i, j);
				appendArgument(out, argIndex++ == 0 ? arg0 : arg1);
			}
			i = j + 2;
		}
	}

	/**
	 * Appends the template with its first {@code argCount} arguments to {@code out}.
	 */
	public static void formatTo(String template, Object[] args, int argCount, StringBuilder out) {
		int i = 0;
		int argIndex = 0;
		int len = template.length();
		while (i < len) {
			int j = template.indexOf("{}", i);
			if (j < 0 || argIndex >= argCount) {
				out.append(template, i, len);
				return;
			}
			if (isEscaped(template, j)) {
				if (isDoubleEscaped(template, j)) {
					// "\\{}": a literal backslash, then a real placeholder
					out.append(template, i, j - 1);
					appendArgument(out, args[argIndex++]);
				}
				else {
					// "\{}": a literal "{" (the backslash is dropped), scanning goes on after it
					out.append(template, i, j - 1).append('{');
					i = j + 1;
					continue;
				}
			}
			else {
				out.append(template, i, j);
				appendArgument(out, args[argIndex++]);
			}
			i = j + 2;
		}
	}

	private static boolean isEscaped(String t, int placeholder) {
		return placeholder >= 1 && t.charAt(placeholder - 1) == '\\';
	}

	private static boolean isDoubleEscaped(String t, int placeholder) {
		return placeholder >= 2 && t.charAt(placeholder - 2) == '\\';
	}

	private static void appendArgument(StringBuilder out, Object o) {
		int mark = out.length();
		try {
			appendArgumentUnsafe(out, o);
		}
		catch (Throwable t) {
			// as SLF4J: a broken toString() (also of an array element) must not lose the record;
			// what the failed argument appended is cut back, the rest of the line is kept
			out.setLength(mark);
			out.append("[FAILED toString()]");
		}
	}

	private static void appendArgumentUnsafe(StringBuilder out, Object o) {
		if (o == null) {
			out.append("null");
			return;
		}
		// the common boxed numbers without a String each (their toString is fixed by the JDK)
		if (o instanceof Integer) {
			out.append(((Integer) o).intValue());
			return;
		}
		if (o instanceof Long) {
			out.append(((Long) o).longValue());
			return;
		}
		if (!o.getClass().isArray()) {
			out.append(o);
		}
		else if (o instanceof boolean[]) {
			out.append(Arrays.toString((boolean[]) o));
		}
		else if (o instanceof byte[]) {
			out.append(Arrays.toString((byte[]) o));
		}
		else if (o instanceof char[]) {
			out.append(Arrays.toString((char[]) o));
		}
		else if (o instanceof short[]) {
			out.append(Arrays.toString((short[]) o));
		}
		else if (o instanceof int[]) {
			out.append(Arrays.toString((int[]) o));
		}
		else if (o instanceof long[]) {
			out.append(Arrays.toString((long[]) o));
		}
		else if (o instanceof float[]) {
			out.append(Arrays.toString((float[]) o));
		}
		else if (o instanceof double[]) {
			out.append(Arrays.toString((double[]) o));
		}
		else {
			out.append(Arrays.deepToString((Object[]) o));
		}
	}

}
