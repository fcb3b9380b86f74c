package dev.sluice.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the JFR recording of Sluice's caller benchmark and summarises the benchmark thread: the
 * methods its CPU samples are in (self time), and what it allocates (JFR's allocation samples,
 * by class and by the allocating frame). Markdown, for RESULTS.md.
 */
final class JfrSummary {

	private JfrSummary() {
	}

	static String summarize(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return "";
		}
		List<Path> files;
		try (Stream<Path> s = Files.walk(dir)) {
			files = s.filter(p -> p.toString().endsWith(".jfr")).collect(Collectors.toList());
		}
		if (files.isEmpty()) {
			return "";
		}
		Map<String, Long> self = new HashMap<>();
		Map<String, Long> sluiceFrames = new HashMap<>();
		Map<String, Double> allocByClass = new HashMap<>();
		Map<String, Double> allocBySite = new HashMap<>();
		long samples = 0;
		double allocTotal = 0;
		for (Path f : files) {
			for (RecordedEvent e : RecordingFile.readAllEvents(f)) {
				String type = e.getEventType().getName();
				// an execution sample names its thread in "sampledThread", not in the event thread
				jdk.jfr.consumer.RecordedThread thread = type.equals("jdk.ExecutionSample")
						? e.getThread("sampledThread") : e.getThread();
				if (thread == null || thread.getJavaName() == null || !thread.getJavaName().contains("jmh-worker")) {
					continue;
				}
				RecordedStackTrace st = e.getStackTrace();
				if (st == null || st.getFrames().isEmpty()) {
					continue;
				}
				if (type.equals("jdk.ExecutionSample")) {
					samples++;
					self.merge(frame(st.getFrames().get(0)), 1L, Long::sum);
					for (RecordedFrame fr : st.getFrames()) {
						String m = frame(fr);
						if (m.startsWith("dev.sluice.pipeline")) {
							sluiceFrames.merge(m, 1L, Long::sum);
						}
					}
				}
				else if (type.equals("jdk.ObjectAllocationSample")) {
					double w = e.getLong("weight");
					allocTotal += w;
					allocByClass.merge(e.getClass("objectClass").getName(), w, Double::sum);
					allocBySite.merge(site(st), w, Double::sum);
				}
			}
		}
		final long cpu = samples;
		final double alloc = allocTotal;
		StringBuilder md = new StringBuilder();
		md.append("CPU samples on the benchmark thread: ").append(samples).append(". Self time by method:\n\n")
				.append("| method | share |\n| --- | ---: |\n");
		top(self, 12).forEach((k, v) -> md.append("| `").append(k).append("` | ")
				.append(pct(v, cpu)).append(" |\n"));
		md.append("\nSluice methods on the stack (inclusive):\n\n| method | share |\n| --- | ---: |\n");
		top(sluiceFrames, 10).forEach((k, v) -> md.append("| `").append(k).append("` | ")
				.append(pct(v, cpu)).append(" |\n"));
		if (alloc > 0) {
			md.append("\nAllocation on the benchmark thread (JFR samples, by weight), by class:\n\n")
					.append("| class | share |\n| --- | ---: |\n");
			topD(allocByClass, 8).forEach((k, v) -> md.append("| `").append(k).append("` | ")
					.append(pct(v, alloc)).append(" |\n"));
			md.append("\nby allocating frame:\n\n| frame | share |\n| --- | ---: |\n");
			topD(allocBySite, 8).forEach((k, v) -> md.append("| `").append(k).append("` | ")
					.append(pct(v, alloc)).append(" |\n"));
		}
		return md.toString();
	}

	private static String frame(RecordedFrame f) {
		return f.getMethod().getType().getName() + "." + f.getMethod().getName();
	}

	/** The first frame outside java.* (where the allocation was asked for), with its line. */
	private static String site(RecordedStackTrace st) {
		for (RecordedFrame f : st.getFrames()) {
			String t = f.getMethod().getType().getName();
			if (!t.startsWith("java.") && !t.startsWith("jdk.") && !t.startsWith("sun.")) {
				return frame(f) + ":" + f.getLineNumber();
			}
		}
		return frame(st.getFrames().get(0));
	}

	private static Map<String, Long> top(Map<String, Long> m, int n) {
		return m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
						java.util.LinkedHashMap::new));
	}

	private static Map<String, Double> topD(Map<String, Double> m, int n) {
		return m.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(n)
				.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
						java.util.LinkedHashMap::new));
	}

	private static String pct(double v, double total) {
		return String.format(Locale.ROOT, "%.1f%%", 100 * v / total);
	}
}
