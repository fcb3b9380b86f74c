package dev.sluice.sinks.slack;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the burst suffix of posted lines, {@code "... (x37 in 60 s)"}, in the Slack tests. */
final class BurstLines {

	static final Pattern COUNT = Pattern.compile(" \\(x(\\d+) in (\\d+) s\\)$");

	private BurstLines() {
	}

	/** The records a line stands for: N when it ends with "(xN in M s)", else 1. */
	static long count(String line) {
		Matcher c = COUNT.matcher(line);
		return c.find() ? Long.parseLong(c.group(1)) : 1;
	}

	/** The records the messages' {@code texts} stand for, line by line. */
	static long records(List<String> texts) {
		long n = 0;
		for (String text : texts) {
			for (String line : text.split("\n")) {
				n += count(line);
			}
		}
		return n;
	}
}
