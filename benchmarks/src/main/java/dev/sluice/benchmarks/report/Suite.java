package dev.sluice.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.benchmarks.Extras;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole set, one JMH run per measure, and writes the report. The entry point of
 * {@code benchmarks/run}; the smoke test runs it in quick mode.
 *
 * <ul>
 * <li>full: the iterations of each class's annotations, 2 forks, the same JVM flags for every
 * library ({@link #JVM_FLAGS}); allocation with JMH's GC profiler; a JFR recording of Sluice's
 * caller path; about 15 minutes on 2 cores.</li>
 * <li>quick ({@code --quick}): every benchmark once, briefly, in this JVM (no fork), small
 * parameters: it shows that everything runs and that every delivery check holds; no figure
 * means anything.</li>
 * </ul>
 *
 * <p>Usage: {@code Suite [--quick] [--report-only] [--only MEASURE,...] [--out DIR] [--report FILE] [--commit SHA]}
 * ({@code --report-only}: write the report again from the last run's files; {@code --only}: run
 * again only the named measures, e.g. {@code caller_cost}, keep the other measures' files of the
 * last run, and write the report from both).
 */
public final class Suite {

	/**
	 * Every fork of every library gets exactly these (a measure named {@code *_zgc}: with ZGC
	 * instead of G1).
	 */
	public static final String[] JVM_FLAGS = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"};

	/** The measures in the order of the issue: name, benchmark class pattern. */
	static final String[][] MEASURES = {
			{"caller_cost", "CallerCostBenchmark"},
			{"end_to_end", "EndToEndBenchmark"},
			{"stalled_sink", "StalledSinkBenchmark"},
			{"stalled_sink_zgc", "StalledSinkBenchmark"},
			{"allocation", "AllocationBenchmark"},
			{"reload", "ReloadBenchmark"},
	};

	private final boolean quick;
	private final Path out;
	/** The measures to run; null: all. */
	private java.util.Set<String> only;

	Suite(boolean quick, Path out) {
		this.quick = quick;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		boolean quick = false;
		boolean reportOnly = false;
		Path out = Path.of("benchmarks/target/results");
		Path report = null;
		String commit = "";
		java.util.Set<String> only = null;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--quick":
					quick = true;
					break;
				case "--out":
					out = Path.of(args[++i]);
					break;
				case "--report":
					report = Path.of(args[++i]);
					break;
				case "--report-only":
					reportOnly = true; // rewrite the report from the files of the last run
					break;
				case "--only":
					only = new java.util.LinkedHashSet<>(List.of(args[++i].split(",")));
					break;
				case "--commit":
					commit = args[++i];
					break;
				default:
					throw new IllegalArgumentException("unknown argument '" + args[i]
							+ "'; usage: Suite [--quick] [--report-only] [--only MEASURE,...] [--out DIR] [--report FILE] [--commit SHA]");
			}
		}
		if (report == null) {
			report = quick ? out.resolve("RESULTS-quick.md") : Path.of("benchmarks/RESULTS.md");
		}
		Path runInfo = out.resolve("run.properties");
		java.util.Properties p = new java.util.Properties();
		if (reportOnly) {
			try (var in = Files.newBufferedReader(runInfo)) {
				p.load(in);
			}
		}
		else {
			Instant started = Instant.now();
			Suite suite = new Suite(quick, out);
			suite.only = only;
			List<String> failedNow = suite.runAll();
			if (only != null && Files.exists(runInfo)) {
				try (var in = Files.newBufferedReader(runInfo)) {
					p.load(in); // the earlier run's start: the report spans both
				}
				p.setProperty("rerun", String.join(",", only) + " from " + started);
				started = Instant.parse(p.getProperty("started", started.toString()));
			}
			p.setProperty("started", started.toString());
			p.setProperty("ended", Instant.now().toString());
			p.setProperty("failed", String.join("\n", failedNow));
			try (var w = Files.newBufferedWriter(runInfo)) {
				p.store(w, "the last run, for --report-only");
			}
		}
		String failedText = p.getProperty("failed", "");
		List<String> failed = failedText.isEmpty() ? List.of() : List.of(failedText.split("\n"));
		Report.write(out, report, new Report.RunInfo(quick, Instant.parse(p.getProperty("started")),
				Instant.parse(p.getProperty("ended")), commit, failed));
		System.out.println("report: " + report.toAbsolutePath());
		if (!failed.isEmpty()) {
			System.out.println("benchmarks that failed: " + failed);
		}
	}

	/** Runs every measure; returns the measures (or benchmarks) that failed. */
	List<String> runAll() throws IOException {
		Files.createDirectories(out);
		Path extra = out.resolve("extra.jsonl");
		if (only == null) {
			Files.deleteIfExists(extra);
		}
		else if (Files.exists(extra)) {
			// keep the other measures' lines of the last run
			List<String> kept = new ArrayList<>();
			for (String line : Files.readAllLines(extra)) {
				if (only.stream().noneMatch(m -> line.contains("\"benchmark\":\"" + m + "\""))) {
					kept.add(line);
				}
			}
			Files.write(extra, kept);
		}
		System.setProperty(Extras.PROPERTY, extra.toAbsolutePath().toString());
		List<String> failed = new ArrayList<>();
		for (String[] m : MEASURES) {
			if (only != null && !only.contains(m[0]) || quick && m[0].endsWith("_zgc")) {
				continue; // quick mode runs in this JVM, whose collector is not for the measure to choose
			}
			ChainedOptionsBuilder o = options(m[0], m[1]);
			if (m[0].equals("allocation")) {
				o.addProfiler(GCProfiler.class);
			}
			run(m[0], o, failed);
		}
		if (!quick && (only == null || only.contains("profile"))) {
			// where Sluice's caller spends its time and what it allocates (JFR, one fork)
			Path jfr = out.resolve("jfr");
			ChainedOptionsBuilder o = options("profile", "CallerCostBenchmark.oneThread").forks(1)
					.param("library", "SLUICE").param("target", "NOOP")
					.addProfiler(JavaFlightRecorderProfiler.class, "dir=" + jfr.toAbsolutePath());
			run("profile", o, failed);
			// records/s through the Kafka sink to a broker started in the benchmark (full run only:
			// the broker's start does not fit the quick run); not in the report's tables, see RESULTS.md
			run("kafka_sink", options("kafka_sink", "KafkaSinkBenchmark"), failed);
		}
		return failed;
	}

	private ChainedOptionsBuilder options(String name, String include) {
		String extra = "-D" + Extras.PROPERTY + "=" + out.resolve("extra.jsonl").toAbsolutePath();
		String[] jvm = new String[JVM_FLAGS.length + 1];
		System.arraycopy(JVM_FLAGS, 0, jvm, 0, JVM_FLAGS.length);
		jvm[JVM_FLAGS.length] = extra;
		if (name.endsWith("_zgc")) {
			jvm[java.util.Arrays.asList(JVM_FLAGS).indexOf("-XX:+UseG1GC")] = "-XX:+UseZGC";
		}
		ChainedOptionsBuilder o = new OptionsBuilder().include("dev\\.sluice\\.benchmarks\\." + include)
				.jvmArgsAppend(jvm).resultFormat(ResultFormatType.JSON)
				.result(out.resolve(name + ".json").toAbsolutePath().toString())
				.output(out.resolve(name + ".txt").toAbsolutePath().toString());
		if (quick) {
			o.forks(0).warmupIterations(0).measurementIterations(1)
					.measurementTime(TimeValue.milliseconds(name.equals("reload") ? 400 : 200))
					.param("records", "20000").param("seconds", "1").shouldFailOnError(true);
		}
		return o;
	}

	private static void run(String name, ChainedOptionsBuilder o, List<String> failed) {
		System.out.println("== " + name);
		try {
			int n = new Runner(o.build()).run().size();
			System.out.println("== " + name + ": " + n + " results");
		}
		catch (RunnerException e) {
			failed.add(name + ": " + e.getMessage());
			System.out.println("== " + name + " FAILED: " + e);
		}
	}
}
