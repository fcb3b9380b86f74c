package dev.sluice.pipeline.sink.support;

/**
 * The text Python's encoding error handlers {@code backslashreplace}, {@code xmlcharrefreplace}
 * and {@code namereplace} put in place of a character the charset cannot encode, as CPython 3.11
 * writes it. Names come from the JDK's Unicode tables, shaped as Python's {@code unicodedata.name}
 * shapes them (CJK ideographs and Hangul syllables by rule; controls, private use and unnamed
 * characters have none and fall back to the backslash form). Characters Unicode added after the
 * JDK's version (Java 17: Unicode 13; CPython 3.11: Unicode 14) have no name here, and the private
 * use characters U+F0000 to U+F01D8, which CPython names after its alias table (stored there),
 * have none, as {@code unicodedata.name} says. Stateless.
 */
final class PythonEscapes {

	static final int BACKSLASH = 1;
	static final int XML_CHAR_REF = 2;
	static final int NAME = 3;

	private static final String[] JAMO_L = {"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ",
			"C", "K", "T", "P", "H"};
	private static final String[] JAMO_V = {"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE",
			"YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"};
	private static final String[] JAMO_T = {"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS",
			"LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"};

	private PythonEscapes() {
	}

	/** The mode for a Python error handler name, or 0 when it is none of the three. */
	static int mode(String errors) {
		switch (errors) {
			case "backslashreplace":
				return BACKSLASH;
			case "xmlcharrefreplace":
				return XML_CHAR_REF;
			case "namereplace":
				return NAME;
			default:
				return 0;
		}
	}

	/** Appends the replacement of code point {@code cp} in {@code mode} to {@code out}. */
	static void append(int mode, int cp, StringBuilder out) {
		if (mode == XML_CHAR_REF) {
			out.append("&#").append(cp).append(';');
			return;
		}
		if (mode == NAME) {
			String name = name(cp);
			if (name != null) {
				out.append("\\N{").append(name).append('}');
				return;
			}
		}
		String hex = Integer.toHexString(cp);
		int width = cp <= 0xff ? 2 : cp <= 0xffff ? 4 : 8;
		out.append(cp <= 0xff ? "\\x" : cp <= 0xffff ? "\\u" : "\\U");
		for (int i = hex.length(); i < width; i++) {
			out.append('0');
		}
		out.append(hex);
	}

	/** Python's {@code unicodedata.name(chr(cp))}, or null where it has none. */
	static String name(int cp) {
		int type = Character.getType(cp);
		if (!Character.isDefined(cp) || type == Character.CONTROL || type == Character.PRIVATE_USE
				|| type == Character.SURROGATE) {
			return null;
		}
		if (cp >= 0xAC00 && cp <= 0xD7A3) {
			int s = cp - 0xAC00;
			return "HANGUL SYLLABLE " + JAMO_L[s / 588] + JAMO_V[(s % 588) / 28] + JAMO_T[s % 28];
		}
		String name = Character.getName(cp);
		if (name == null) {
			return null;
		}
		String hex = Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT);
		if (name.startsWith("CJK UNIFIED IDEOGRAPHS")) {
			return "CJK UNIFIED IDEOGRAPH-" + hex;
		}
		// the JDK names a character without a name of its own by its block and number; Python has none
		return name.endsWith(" " + hex) ? null : name;
	}
}
