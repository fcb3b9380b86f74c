package dev.sluice.layouts;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A {@code time.strftime} pattern compiled once, producing what CPython on glibc produces in the
 * C locale: every glibc conversion ({@code %a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l
 * %m %M %n %p %P %r %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%}), the flags {@code - _ 0
 * ^ #}, a field width and the ignored {@code E}/{@code O} modifiers. An unknown conversion is
 * copied as written, as glibc does. {@code %f} is unknown to {@code time.strftime} and stays
 * {@code %f}. Immutable and thread-safe.
 */
final class Strftime {

	private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
	private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December"};

	/** One piece: a literal, or a conversion with its flag and width (-1: none). */
	private static final class Token {
		final String literal;
		final char flag;
		final int width;
		final char conv;

		Token(String literal, char flag, int width, char conv) {
			this.literal = literal;
			this.flag = flag;
			this.width = width;
			this.conv = conv;
		}
	}

	private final String pattern;
	private final Token[] tokens;

	Strftime(String pattern) {
		this.pattern = pattern;
		List<Token> out = new ArrayList<>();
		StringBuilder lit = new StringBuilder();
		int n = pattern.length();
		int i = 0;
		while (i < n) {
			char c = pattern.charAt(i);
			if (c != '%') {
				lit.append(c);
				i++;
				continue;
			}
			int start = i++;
			char flag = 0;
			while (i < n && "-_0^#".indexOf(pattern.charAt(i)) >= 0) {
				flag = pattern.charAt(i++);
			}
			int width = -1;
			while (i < n && Character.isDigit(pattern.charAt(i))) {
				width = Math.max(width, 0) * 10 + (pattern.charAt(i++) - '0');
			}
			while (i < n && (pattern.charAt(i) == 'E' || pattern.charAt(i) == 'O')) {
				i++;
			}
			if (i >= n) {
				lit.append(pattern, start, n);
				break;
			}
			char conv = pattern.charAt(i++);
			if ("aAbBcCdDeFgGhHIjklmMnprRsStTuUVwWxXyYzZ%P".indexOf(conv) < 0) {
				lit.append(pattern, start, i);
				continue;
			}
			if (lit.length() > 0) {
				out.add(new Token(lit.toString(), (char) 0, -1, (char) 0));
				lit.setLength(0);
			}
			out.add(new Token(null, flag, width, conv));
		}
		if (lit.length() > 0) {
			out.add(new Token(lit.toString(), (char) 0, -1, (char) 0));
		}
		this.tokens = out.toArray(new Token[0]);
	}

	String pattern() {
		return pattern;
	}

	/**
	 * Formats {@code t}. With {@code utc} ({@code time.gmtime}'s tuple) %Z is "GMT" and %s is what
	 * glibc's mktime makes of a UTC wall time read as standard time in {@code local}, as CPython prints.
	 */
	String format(ZonedDateTime t, boolean utc, ZoneId local) {
		StringBuilder sb = new StringBuilder(32);
		for (Token tok : tokens) {
			if (tok.literal != null) {
				sb.append(tok.literal);
			}
			else {
				convert(tok, t, utc, local, sb);
			}
		}
		return sb.toString();
	}

	private void convert(Token tok, ZonedDateTime t, boolean utc, ZoneId local, StringBuilder sb) {
		int dow = t.getDayOfWeek().getValue(); // 1 = Monday
		switch (tok.conv) {
			case 'a': alpha(tok, DAYS[dow - 1].substring(0, 3), true, sb); break;
			case 'A': alpha(tok, DAYS[dow - 1], true, sb); break;
			case 'b': case 'h': alpha(tok, MONTHS[t.getMonthValue() - 1].substring(0, 3), true, sb); break;
			case 'B': alpha(tok, MONTHS[t.getMonthValue() - 1], true, sb); break;
			case 'p': alpha(tok, t.getHour() < 12 ? "AM" : "PM", false, sb); break;
			case 'P': alpha(tok, t.getHour() < 12 ? "am" : "pm", false, sb); break;
			case 'Z': alpha(tok, zoneName(t, utc), false, sb); break;
			case 'n': alpha(tok, "\n", false, sb); break;
			case 't': alpha(tok, "\t", false, sb); break;
			case '%': alpha(tok, "%", false, sb); break;
			case 'c': composite(tok, local, "%a %b %e %H:%M:%S %Y", t, utc, sb); break;
			case 'D': case 'x': composite(tok, local, "%m/%d/%y", t, utc, sb); break;
			case 'F': composite(tok, local, "%Y-%m-%d", t, utc, sb); break;
			case 'r': composite(tok, local, "%I:%M:%S %p", t, utc, sb); break;
			case 'R': composite(tok, local, "%H:%M", t, utc, sb); break;
			case 'T': case 'X': composite(tok, local, "%H:%M:%S", t, utc, sb); break;
			case 'C': number(tok, Math.floorDiv(t.getYear(), 100), 2, '0', sb); break;
			case 'd': number(tok, t.getDayOfMonth(), 2, '0', sb); break;
			case 'e': number(tok, t.getDayOfMonth(), 2, ' ', sb); break;
			case 'g': number(tok, Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100), 2, '0', sb); break;
			case 'G': number(tok, t.get(IsoFields.WEEK_BASED_YEAR), 1, '0', sb); break;
			case 'H': number(tok, t.getHour(), 2, '0', sb); break;
			case 'I': number(tok, hour12(t), 2, '0', sb); break;
			case 'j': number(tok, t.getDayOfYear(), 3, '0', sb); break;
			case 'k': number(tok, t.getHour(), 2, ' ', sb); break;
			case 'l': number(tok, hour12(t), 2, ' ', sb); break;
			case 'm': number(tok, t.getMonthValue(), 2, '0', sb); break;
			case 'M': number(tok, t.getMinute(), 2, '0', sb); break;
			case 's': {
				long epoch = t.toEpochSecond();
				if (utc) {
					epoch -= local.getRules().getStandardOffset(t.toInstant()).getTotalSeconds();
				}
				number(tok, epoch, 1, '0', sb);
				break;
			}
			case 'S': number(tok, t.getSecond(), 2, '0', sb); break;
			case 'u': number(tok, dow, 1, '0', sb); break;
			case 'w': number(tok, dow % 7, 1, '0', sb); break;
			case 'U': number(tok, (t.getDayOfYear() - 1 + 7 - dow % 7) / 7, 2, '0', sb); break;
			case 'W': number(tok, (t.getDayOfYear() - 1 + 7 - (dow - 1)) / 7, 2, '0', sb); break;
			case 'V': number(tok, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, '0', sb); break;
			case 'y': number(tok, Math.floorMod(t.getYear(), 100), 2, '0', sb); break;
			case 'Y': number(tok, t.getYear(), 1, '0', sb); break;
			case 'z': {
				int off = t.getOffset().getTotalSeconds();
				String s = (off < 0 ? "-" : "+") + pad2(Math.abs(off) / 3600) + pad2(Math.abs(off) / 60 % 60);
				alpha(tok, s, false, sb);
				break;
			}
			default:
				throw new IllegalStateException("unhandled strftime conversion %" + tok.conv);
		}
	}

	private static String pad2(int v) {
		return v < 10 ? "0" + v : Integer.toString(v);
	}

	private static int hour12(ZonedDateTime t) {
		int h = t.getHour() % 12;
		return h == 0 ? 12 : h;
	}

	/** glibc's tm_zone: the zone's abbreviation ("UTC" for gmtime). */
	private static String zoneName(ZonedDateTime t, boolean utc) {
		if (utc) {
			return "GMT";
		}
		String id = t.getZone().getId();
		if (id.equals("UTC") || id.equals("Z") || id.equals("Etc/UTC")) {
			return "UTC";
		}
		boolean dst = t.getZone().getRules().isDaylightSavings(t.toInstant());
		return TimeZone.getTimeZone(t.getZone()).getDisplayName(dst, TimeZone.SHORT, Locale.US);
	}

	/** A text conversion: '^' upper-cases, '#' swaps the case (names upper, %p and %Z lower). */
	private static void alpha(Token tok, String s, boolean hashUpper, StringBuilder sb) {
		String v = s;
		if (tok.flag == '^') {
			v = v.toUpperCase(Locale.ROOT);
		}
		else if (tok.flag == '#') {
			v = hashUpper ? v.toUpperCase(Locale.ROOT) : v.toLowerCase(Locale.ROOT);
		}
		pad(sb, v, tok.width, tok.flag == '0' ? '0' : ' ');
	}

	private void composite(Token tok, ZoneId local, String sub, ZonedDateTime t, boolean utc, StringBuilder sb) {
		String v = new Strftime(sub).format(t, utc, local);
		if (tok.flag == '^') {
			v = v.toUpperCase(Locale.ROOT);
		}
		pad(sb, v, tok.width, tok.flag == '0' ? '0' : ' ');
	}

	private static void number(Token tok, long value, int defWidth, char defPad, StringBuilder sb) {
		String digits = Long.toString(value);
		char padChar = tok.flag == '0' ? '0' : tok.flag == '_' || tok.flag == '-' ? ' ' : defPad;
		int width = tok.width >= 0 ? tok.width : tok.flag == '-' ? 0 : defWidth;
		pad(sb, digits, width, padChar);
	}

	private static void pad(StringBuilder sb, String v, int width, char padChar) {
		for (int k = v.length(); k < width; k++) {
			sb.append(padChar);
		}
		sb.append(v);
	}
}
