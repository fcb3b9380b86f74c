package dev.sluice.sinks.cloudwatch;

/** UTF-8 lengths and cuts without encoding the text (messages can be large). */
final class Utf8 {

	private Utf8() {
	}

	/** The UTF-8 length of {@code s} as {@code String.getBytes(UTF_8)} encodes it (an unpaired surrogate becomes one {@code ?}). */
	static long length(CharSequence s) {
		long n = 0;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c < 0x80) {
				n++;
			}
			else if (c < 0x800) {
				n += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
				n += 4;
				i++;
			}
			else if (Character.isSurrogate(c)) {
				n += 1; // String.getBytes(UTF_8) replaces an unpaired surrogate with '?'
			}
			else {
				n += 3;
			}
		}
		return n;
	}

	/**
	 * The longest prefix of {@code s} (in chars) whose UTF-8 encoding fits {@code maxBytes},
	 * never splitting a character (a surrogate pair stays whole).
	 */
	static int prefixFitting(CharSequence s, long maxBytes) {
		long n = 0;
		int i = 0;
		while (i < s.length()) {
			char c = s.charAt(i);
			int chars = 1;
			int bytes;
			if (c < 0x80) {
				bytes = 1;
			}
			else if (c < 0x800) {
				bytes = 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
				bytes = 4;
				chars = 2;
			}
			else if (Character.isSurrogate(c)) {
				bytes = 1;
			}
			else {
				bytes = 3;
			}
			if (n + bytes > maxBytes) {
				break;
			}
			n += bytes;
			i += chars;
		}
		return i;
	}
}
