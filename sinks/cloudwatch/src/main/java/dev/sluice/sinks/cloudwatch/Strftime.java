package dev.sluice.sinks.cloudwatch;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Python's {@code strftime} directives (C locale), for the {@code {strftime:...}} placeholder of
 * {@code log_stream_name}. Immutable; thread-safe.
 */
final class Strftime {

	private static final String DIRECTIVES = "aAbBcdfHIjmMpSUwWyYzZ%";

	private final String pattern;

	private Strftime(String pattern) {
		this.pattern = pattern;
	}

	/**
	 * @throws IllegalArgumentException naming the first directive Sluice does not know
	 */
	static Strftime compile(String pattern) {
		for (int i = 0; i < pattern.length(); i++) {
			if (pattern.charAt(i) == '%') {
				if (i + 1 >= pattern.length() || DIRECTIVES.indexOf(pattern.charAt(i + 1)) < 0) {
					throw new IllegalArgumentException("unknown strftime directive '"
							+ (i + 1 < pattern.length() ? "%" + pattern.charAt(i + 1) : "%") + "' (known: %"
							+ String.join(" %", DIRECTIVES.split("")) + ")");
				}
				i++;
			}
		}
		return new Strftime(pattern);
	}

	void format(ZonedDateTime t, StringBuilder out) {
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c != '%') {
				out.append(c);
				continue;
			}
			char d = pattern.charAt(++i);
			switch (d) {
				case 'a': out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT)); break;
				case 'A': out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT)); break;
				case 'b': out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT)); break;
				case 'B': out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT)); break;
				case 'c':
					out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT)).append(' ')
							.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT)).append(' ');
					pad(out, t.getDayOfMonth(), 2, ' ');
					out.append(' ');
					pad(out, t.getHour(), 2, '0');
					out.append(':');
					pad(out, t.getMinute(), 2, '0');
					out.append(':');
					pad(out, t.getSecond(), 2, '0');
					out.append(' ').append(t.getYear());
					break;
				case 'd': pad(out, t.getDayOfMonth(), 2, '0'); break;
				case 'f': pad(out, t.getNano() / 1000, 6, '0'); break;
				case 'H': pad(out, t.getHour(), 2, '0'); break;
				case 'I': pad(out, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2, '0'); break;
				case 'j': pad(out, t.getDayOfYear(), 3, '0'); break;
				case 'm': pad(out, t.getMonthValue(), 2, '0'); break;
				case 'M': pad(out, t.getMinute(), 2, '0'); break;
				case 'p': out.append(t.getHour() < 12 ? "AM" : "PM"); break;
				case 'S': pad(out, t.getSecond(), 2, '0'); break;
				case 'U': pad(out, (t.getDayOfYear() + 6 - t.getDayOfWeek().getValue() % 7) / 7, 2, '0'); break;
				case 'w': out.append(t.getDayOfWeek().getValue() % 7); break;
				case 'W': pad(out, (t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() + 6) % 7) / 7, 2, '0'); break;
				case 'y': pad(out, t.getYear() % 100, 2, '0'); break;
				case 'Y': out.append(t.getYear()); break;
				case 'z': out.append("+0000"); break;
				case 'Z': out.append("UTC"); break;
				default: out.append('%'); // %%
			}
		}
	}

	private static void pad(StringBuilder out, int value, int width, char fill) {
		String s = Integer.toString(value);
		for (int i = s.length(); i < width; i++) {
			out.append(fill);
		}
		out.append(s);
	}
}
