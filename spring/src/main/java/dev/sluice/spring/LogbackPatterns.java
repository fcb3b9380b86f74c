package dev.sluice.spring;

/**
 * Boot's {@code logging.pattern.console}/{@code file} are Logback patterns; Sluice formats with
 * Python's. This translates the words Boot's defaults and most applications use into a Python
 * {@code %}-format and a strftime date format: {@code %d}/{@code %date} (with a
 * {@code {yyyy-MM-dd HH:mm:ss.SSS}} pattern), {@code %p}/{@code %le}/{@code %level},
 * {@code %c}/{@code %lo}/{@code %logger} ({@code {n}} is ignored: the full name is written),
 * {@code %t}/{@code %thread}, {@code %m}/{@code %msg}/{@code %message}, {@code %n},
 * {@code %X{key}}/{@code %mdc{key}}, {@code %pid}, {@code %clr(...)} (colours dropped),
 * {@code %wEx}/{@code %ex} (Python appends the exception anyway), widths such as {@code %-5p}
 * and {@code %15.15t}. Any other word is an error naming it. Stateless.
 */
final class LogbackPatterns {

	/** A translated pattern: the Python format and the strftime date format (null for Python's default). */
	record Translated(String format, String datefmt) {
	}

	private LogbackPatterns() {
	}

	/**
	 * @throws IllegalArgumentException naming the word that has no Python counterpart
	 */
	static Translated translate(String pattern) {
		StringBuilder out = new StringBuilder();
		String[] datefmt = {null};
		translateInto(pattern, out, datefmt);
		String f = out.toString();
		// Logback's %n ends the line; Sluice's sinks add the terminator themselves
		while (f.endsWith("\n")) {
			f = f.substring(0, f.length() - 1);
		}
		return new Translated(f, datefmt[0]);
	}

	private static void translateInto(String p, StringBuilder out, String[] datefmt) {
		int i = 0;
		int n = p.length();
		while (i < n) {
			char c = p.charAt(i);
			if (c == '\\' && i + 1 < n) {
				out.append(p.charAt(i + 1));
				i += 2;
				continue;
			}
			if (c != '%') {
				out.append(c);
				i++;
				continue;
			}
			i++;
			if (i < n && p.charAt(i) == '%') {
				out.append("%%");
				i++;
				continue;
			}
			// format modifier: [-][min][.max]
			int modStart = i;
			while (i < n && (p.charAt(i) == '-' || p.charAt(i) == '.' || Character.isDigit(p.charAt(i)))) {
				i++;
			}
			String modifier = p.substring(modStart, i);
			int wordStart = i;
			while (i < n && Character.isLetter(p.charAt(i))) {
				i++;
			}
			String word = p.substring(wordStart, i);
			String option = null;
			String group = null;
			if (i < n && p.charAt(i) == '(') {
				int end = matching(p, i, '(', ')');
				group = p.substring(i + 1, end);
				i = end + 1;
			}
			if (i < n && p.charAt(i) == '{') {
				int end = matching(p, i, '{', '}');
				option = p.substring(i + 1, end);
				i = end + 1;
			}
			switch (word) {
				case "clr":
				case "highlight":
				case "cyan":
				case "faint":
				case "magenta":
				case "green":
				case "yellow":
				case "red":
				case "blue":
					if (group != null) {
						translateInto(group, out, datefmt); // colours dropped, the content kept
					}
					break;
				case "d":
				case "date":
					datefmt[0] = option == null || option.isBlank() || "ISO8601".equals(option) ? null : strftime(option);
					out.append(field("asctime", modifier));
					break;
				case "p":
				case "le":
				case "level":
					out.append(field("levelname", modifier));
					break;
				case "c":
				case "lo":
				case "logger":
					out.append(field("name", modifier));
					break;
				case "t":
				case "thread":
					out.append(field("threadName", modifier));
					break;
				case "m":
				case "msg":
				case "message":
					out.append(field("message", modifier));
					break;
				case "n":
					out.append('\n');
					break;
				case "X":
				case "mdc":
					if (option == null || option.isBlank()) {
						throw new IllegalArgumentException("%" + word + " without a key: name one, such as %X{OperationId}");
					}
					out.append(field(option.split(":-")[0], modifier));
					break;
				case "pid":
					out.append("%(process)").append(modifier).append('d');
					break;
				case "wEx":
				case "wex":
				case "ex":
				case "exception":
				case "throwable":
				case "xEx":
					break; // Python's Formatter appends the exception after the line anyway
				default:
					throw new IllegalArgumentException("the Logback word %" + word + " has no Python logging counterpart"
							+ " (supported: %d, %p, %logger, %t, %m, %n, %X{key}, %pid, %clr, %wEx)");
			}
		}
	}

	private static int matching(String p, int open, char o, char c) {
		int depth = 0;
		for (int i = open; i < p.length(); i++) {
			if (p.charAt(i) == o) {
				depth++;
			}
			else if (p.charAt(i) == c && --depth == 0) {
				return i;
			}
		}
		throw new IllegalArgumentException("'" + o + "' at " + (open + 1) + " is not closed");
	}

	/** {@code %(name)s} with Logback's width modifier as Python's ({@code -5} left, {@code 15.15} padded and cut). */
	private static String field(String name, String modifier) {
		return "%(" + name + ")" + modifier + "s";
	}

	/** A Java date pattern as strftime (the common letters; milliseconds become Python's %f cut to three digits). */
	private static String strftime(String javaPattern) {
		StringBuilder sb = new StringBuilder();
		int i = 0;
		while (i < javaPattern.length()) {
			char c = javaPattern.charAt(i);
			int run = 1;
			while (i + run < javaPattern.length() && javaPattern.charAt(i + run) == c) {
				run++;
			}
			if (c == '\'') {
				int end = javaPattern.indexOf('\'', i + 1);
				sb.append(javaPattern, i + 1, end < 0 ? javaPattern.length() : end);
				i = end < 0 ? javaPattern.length() : end + 1;
				continue;
			}
			switch (c) {
				case 'y':
					sb.append(run == 2 ? "%y" : "%Y");
					break;
				case 'M':
					sb.append(run >= 4 ? "%B" : run == 3 ? "%b" : "%m");
					break;
				case 'd':
					sb.append("%d");
					break;
				case 'H':
					sb.append("%H");
					break;
				case 'h':
					sb.append("%I");
					break;
				case 'm':
					sb.append("%M");
					break;
				case 's':
					sb.append("%S");
					break;
				case 'S':
					throw new IllegalArgumentException("milliseconds in the date (" + javaPattern + ") have no strftime"
							+ " word: leave %d's pattern out for Python's default (2026-11-23 12:00:00,123)");
				case 'a':
					sb.append("%p");
					break;
				case 'E':
					sb.append(run >= 4 ? "%A" : "%a");
					break;
				case 'X':
				case 'Z':
				case 'x':
					sb.append("%z");
					break;
				default:
					if (Character.isLetter(c)) {
						throw new IllegalArgumentException("the date letter '" + c + "' in " + javaPattern
								+ " has no strftime counterpart");
					}
					sb.append(String.valueOf(c).repeat(run));
			}
			i += run;
		}
		return sb.toString();
	}
}
