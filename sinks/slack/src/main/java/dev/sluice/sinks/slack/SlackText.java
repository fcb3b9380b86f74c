package dev.sluice.sinks.slack;

/**
 * Slack's text rules: the three characters Slack reads as markup are escaped, and text is cut to
 * a length in Unicode code points (as Slack counts) with a marker saying how much was left out.
 * Pure functions; thread-safe.
 */
final class SlackText {

	/** Slack advises at most 4,000 characters of text per message; longer text is truncated by Slack. */
	static final int MAX_MESSAGE_TEXT = 4_000;
	/** A Block Kit section's text. */
	static final int MAX_SECTION_TEXT = 3_000;
	/** One field of a section. */
	static final int MAX_FIELD_TEXT = 2_000;

	private SlackText() {
	}

	/**
	 * Escapes {@code &}, {@code <} and {@code >} as {@code &amp;}, {@code &lt;} and {@code &gt;},
	 * as Slack requires for text that is not one of its {@code <...>} control sequences. Log
	 * output is data, never markup, so every occurrence is escaped.
	 */
	static String escape(CharSequence text) {
		StringBuilder out = null;
		for (int i = 0, n = text.length(); i < n; i++) {
			char c = text.charAt(i);
			String rep = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : null;
			if (rep != null) {
				if (out == null) {
					out = new StringBuilder(n + 16).append(text, 0, i);
				}
				out.append(rep);
			}
			else if (out != null) {
				out.append(c);
			}
		}
		return out == null ? text.toString() : out.toString();
	}

	/** The number of code points of {@code s}, as Slack counts characters. */
	static int length(String s) {
		return s.codePointCount(0, s.length());
	}

	/**
	 * {@code text} when it has at most {@code max} code points, else its head followed by a marker
	 * {@code "… [cut N characters]"}, the whole at most {@code max} code points. Never splits a
	 * surrogate pair or an escape entity such as {@code &amp;}.
	 */
	static String cut(String text, int max) {
		int length = length(text);
		if (length <= max) {
			return text;
		}
		// the marker's own length depends on N; 40 is more than "\n… [cut 9999999999 characters]"
		int keep = Math.max(0, max - 40);
		int end = text.offsetByCodePoints(0, keep);
		int amp = text.lastIndexOf('&', end - 1);
		if (amp >= 0 && amp > end - 5 && text.indexOf(';', amp) >= end) {
			end = amp;
		}
		String head = text.substring(0, end);
		int removed = length - length(head);
		return head + "\n… [cut " + removed + " characters]";
	}
}
