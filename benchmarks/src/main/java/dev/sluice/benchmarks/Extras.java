package dev.sluice.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * What JMH's result file cannot hold (records delivered, dropped and lost, latency histograms,
 * bytes written, caller allocation), one JSON object per line appended to the file named by the
 * system property {@code sluice.bench.extra}; without it the lines go to stdout only.
 * benchmarks/run passes the property to every fork and reads the file back for RESULTS.md.
 */
public final class Extras {

	public static final String PROPERTY = "sluice.bench.extra";

	private Extras() {
	}

	/** Appends one record; safe across forks (file lock) and threads. */
	public static synchronized void write(Map<String, ?> fields) {
		String line = toJson(fields) + "\n";
		System.out.print("[sluice-bench] " + line);
		String file = System.getProperty(PROPERTY);
		if (file == null || file.isEmpty()) {
			return;
		}
		try (FileChannel ch = FileChannel.open(Path.of(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND); FileLock lock = ch.lock()) {
			ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot append to " + file, e);
		}
	}

	static String toJson(Map<String, ?> fields) {
		StringBuilder sb = new StringBuilder("{");
		for (Map.Entry<String, ?> e : fields.entrySet()) {
			if (sb.length() > 1) {
				sb.append(',');
			}
			string(sb, e.getKey());
			sb.append(':');
			Object v = e.getValue();
			if (v == null) {
				sb.append("null");
			}
			else if (v instanceof Number || v instanceof Boolean) {
				double d = v instanceof Number ? ((Number) v).doubleValue() : 0;
				sb.append(Double.isFinite(d) ? v.toString() : "null");
			}
			else if (v instanceof Map) {
				@SuppressWarnings("unchecked")
				Map<String, ?> m = (Map<String, ?>) v;
				sb.append(toJson(m));
			}
			else {
				string(sb, v.toString());
			}
		}
		return sb.append('}').toString();
	}

	private static void string(StringBuilder sb, String s) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '"' || c == '\\') {
				sb.append('\\').append(c);
			}
			else if (c < 0x20) {
				sb.append(String.format("\\u%04x", (int) c));
			}
			else {
				sb.append(c);
			}
		}
		sb.append('"');
	}
}
