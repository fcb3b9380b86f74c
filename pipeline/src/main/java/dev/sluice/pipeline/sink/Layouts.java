package dev.sluice.pipeline.sink;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Helpers shared by layouts. */
public final class Layouts {

	private Layouts() {
	}

	/**
	 * Appends a newline and the throwable's stack trace (without a trailing newline), as Python
	 * appends {@code formatException} after the message; does nothing when {@code t} is null.
	 *
	 * @param t the throwable
	 * @param out the builder its trace is appended to
	 */
	public static void appendThrowable(Throwable t, StringBuilder out) {
		if (t == null) {
			return;
		}
		out.append('\n').append(stackTrace(t));
	}

	/**
	 * The throwable's stack trace as Java prints it, without the trailing line separator.
	 *
	 * @param t the throwable
	 * @return the throwable's stack trace as Java prints it, without the trailing line separator
	 */
	public static String stackTrace(Throwable t) {
		StringWriter sw = new StringWriter(512);
		t.printStackTrace(new PrintWriter(sw));
		String s = sw.toString();
		int end = s.length();
		while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
			end--;
		}
		return s.substring(0, end).replace("\r\n", "\n");
	}
}
