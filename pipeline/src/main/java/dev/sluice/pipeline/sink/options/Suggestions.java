package dev.sluice.pipeline.sink.options;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...?" for misspelt names: the closest known name within a small edit distance. */
public final class Suggestions {

	private Suggestions() {
	}

	/**
	 * The candidate closest to {@code word} (case-insensitive), or null when none is close.
	 *
	 * @param word the word as written
	 * @param candidates the known words
	 * @return the candidate closest to {@code word} (case-insensitive), or null when none is close
	 */
	public static String closest(String word, Collection<String> candidates) {
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		String w = word.toLowerCase(Locale.ROOT);
		for (String c : candidates) {
			int d = distance(w, c.toLowerCase(Locale.ROOT));
			if (d < bestDistance) {
				bestDistance = d;
				best = c;
			}
		}
		int limit = Math.max(1, Math.min(3, word.length() / 3));
		return bestDistance <= limit ? best : null;
	}

	/** Damerau-Levenshtein distance (optimal string alignment). */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}
}
