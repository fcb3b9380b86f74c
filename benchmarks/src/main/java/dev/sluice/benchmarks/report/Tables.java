package dev.sluice.benchmarks.report;

import static dev.sluice.benchmarks.report.Report.bar;
import static dev.sluice.benchmarks.report.Report.f;
import static dev.sluice.benchmarks.report.Report.group;
import static dev.sluice.benchmarks.report.Report.name;
import static dev.sluice.benchmarks.report.Report.nanos;
import static dev.sluice.benchmarks.report.Report.ratio;
import static dev.sluice.benchmarks.report.Report.si;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.benchmarks.report.Data.Row;
import dev.sluice.benchmarks.report.SvgChart.Bar;
import dev.sluice.benchmarks.report.SvgChart.Group;
import dev.sluice.benchmarks.report.SvgChart.Panel;
import dev.sluice.benchmarks.stacks.Library;
import org.HdrHistogram.Histogram;

/** One markdown table (and chart panel, and goal lines) per measure. */
final class Tables {

	/** The four stacks of every measure. */
	private static final Library[] LIBS = Library.BASE.toArray(new Library[0]);
	/** Caller cost also shows Sluice with waiting callers. */
	private static final Library[] CALLER_LIBS = Library.values();

	private final Data data;
	private final StringBuilder md;
	private final List<Panel> panels;
	private final Goals goals;

	Tables(Data data, StringBuilder md, List<Panel> panels, Goals goals) {
		this.data = data;
		this.md = md;
		this.panels = panels;
		this.goals = goals;
	}

	void all() {
		callerCost();
		endToEnd();
		stalledSink("stalled_sink", "", "");
		stalledSink("stalled_sink_zgc", " (ZGC)", "3b");
		allocation();
		reload();
	}

	private Row caller(Library l, String target, int threads) {
		return data.row("caller_cost", r -> r.param("library").equals(l.name()) && r.param("target").equals(target)
				&& r.threads() == threads);
	}

	private void callerCost() {
		md.append("## 1. Caller cost: `info` with two arguments, 1 and 2 threads\n\n")
				.append("Calls per second (JMH throughput, mean ± 99.9% error) and, beside them, the records per second that\n"
						+ "reached the sink in the same iterations. A library whose queue is full either makes the caller\n"
						+ "wait (Log4j2, and Sluice's defaults: calls/s = what it writes), or discards (Logback's `neverBlock`\n"
						+ "loses them silently; Sluice counts a drop as `ingress_full`, which its defaults make only on Reactor's\n"
						+ "non-blocking threads). Drops and losses are over the whole trial, every fork. *Sluice* has the\n"
						+ "defaults (plain threads wait up to 5 s for room; the file's buffer has the `block` policy);\n"
						+ "*Sluice, callers wait* waits up to 1 s (`callerWait`) with a 1 s block timeout.\n\n")
				.append("| sink | threads | library | calls/s | ± | ns/call | delivered/s | ± | dropped, counted | lost silently |"
						+ " Sluice ÷ it, calls | Sluice ÷ it, delivered |\n")
				.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		List<Group> callsGroups = new ArrayList<>();
		List<Group> deliveredGroups = new ArrayList<>();
		for (String target : new String[] {"FILE", "NOOP"}) {
			for (int threads : new int[] {1, 2}) {
				Row s = caller(Library.SLUICE, target, threads);
				List<Bar> cb = new ArrayList<>();
				List<Bar> db = new ArrayList<>();
				for (Library l : CALLER_LIBS) {
					Row r = caller(l, target, threads);
					if (r == null) {
						md.append(f("| %s | %d | %s | missing | | | | | | | | |%n", target.toLowerCase(), threads, name(l)));
						continue;
					}
					double[] del = r.secondary("delivered");
					List<JsonNode> ex = data.extras("caller_cost", l.name(),
							Map.of("target", target, "threads", String.valueOf(threads)));
					long calls = Data.sum(ex, "calls");
					md.append(f("| %s | %d | %s | %s | %s | %.1f | %s | %s | %s | %s | %s | %s |%n", target.toLowerCase(),
							threads, name(l), si(r.score()), si(r.error()), threads * 1e9 / r.score(),
							del == null ? "n/a" : si(del[0]), del == null ? "" : si(del[1]),
							share(Data.sum(ex, "counted_drops"), calls), share(Data.sum(ex, "silently_lost"), calls),
							l.isSluice() ? "" : ratio(s == null ? Double.NaN : s.score(), r.score()),
							l.isSluice() || del == null || s == null || s.secondary("delivered") == null ? ""
									: ratio(s.secondary("delivered")[0], del[0])));
					cb.add(bar(l, r.score(), r.error(), si(r.score()) + " calls/s"));
					if (del != null) {
						db.add(bar(l, del[0], del[1], si(del[0]) + " records/s"));
					}
				}
				String title = (target.equals("FILE") ? "file" : "no-op sink") + ", " + threads + " thread"
						+ (threads > 1 ? "s" : "");
				callsGroups.add(group(title, cb));
				deliveredGroups.add(group(title, db));
				Row l4 = caller(Library.LOG4J2_ALL_ASYNC, target, threads);
				if (s != null && l4 != null) {
					double q = s.score() / l4.score();
					double[] sd = s.secondary("delivered");
					double[] ld = l4.secondary("delivered");
					goals.add(f("caller throughput ≥ 1.2× Log4j2 all-async (%s, %d thread%s)", target.toLowerCase(), threads,
							threads > 1 ? "s" : ""),
							f("%.2f× calls/s (delivered/s: %s)", q, sd != null && ld != null ? ratio(sd[0], ld[0]) : "n/a"),
							q >= 1.2, f("%.0f%% (needs %.2f× more)", 100 * (1 - q / 1.2), 1.2 / q));
				}
				Row w = caller(Library.SLUICE_WAIT, target, threads);
				if (w != null && l4 != null && w.secondary("delivered") != null && l4.secondary("delivered") != null) {
					double q = w.secondary("delivered")[0] / l4.secondary("delivered")[0];
					goals.add(f("delivered/s ≥ 1.2× Log4j2 all-async, Sluice with callerWait (%s, %d thread%s)",
							target.toLowerCase(), threads, threads > 1 ? "s" : ""), f("%.2f× delivered/s", q),
							q >= 1.2, f("%.0f%% (needs %.2f× more)", 100 * (1 - q / 1.2), 1.2 / q));
				}
			}
		}
		md.append('\n');
		panels.add(new Panel("1. Caller cost: calls per second (higher is better)", false, callsGroups));
		panels.add(new Panel("1. ... records delivered per second in the same iterations", false, deliveredGroups));
	}

	private static String share(long n, long calls) {
		if (calls == 0) {
			return "n/a";
		}
		return n == 0 ? "0" : f("%.1f%%", 100.0 * n / calls);
	}

	private void endToEnd() {
		md.append("## 2. End to end: 1,000,000 records from the first call to the last byte in the file\n\n")
				.append("One thread logs the records, then the stack is flushed and stopped, inside the measured time\n"
						+ "(JMH single shot, mean ± error over shots and forks). Every library is set up not to lose any\n"
						+ "record, and each shot is checked to have written every line (Sluice: an ingress as large as the\n"
						+ "run and the `block` policy on the file sink's buffer, since its caller never waits; Logback:\n"
						+ "`neverBlock=false`, `discardingThreshold=0`).\n\n")
				.append("| library | ms per run | ± | records/s | MB/s | lines written | Sluice ÷ it |\n")
				.append("| --- | ---: | ---: | ---: | ---: | --- | ---: |\n");
		Row s = data.row("end_to_end", r -> r.param("library").equals("SLUICE"));
		List<Bar> bars = new ArrayList<>();
		for (Library l : LIBS) {
			Row r = data.row("end_to_end", x -> x.param("library").equals(l.name()));
			if (r == null) {
				md.append("| ").append(name(l)).append(" | missing | | | | | |\n");
				continue;
			}
			long records = Long.parseLong(r.param("records"));
			List<JsonNode> ex = data.extras("end_to_end", l.name(), Map.of());
			long shots = ex.size();
			long delivered = Data.sum(ex, "delivered");
			double bytes = shots == 0 ? Double.NaN : (double) Data.sum(ex, "bytes") / shots;
			double rate = records / (r.score() / 1000);
			md.append(f("| %s | %.0f | %.0f | %s | %.1f | %s | %s |%n", name(l), r.score(), r.error(), si(rate),
					bytes / 1e6 / (r.score() / 1000), delivered == records * shots ? "all, " + shots + " shots"
							: "**" + delivered + " of " + records * shots + "**",
					l == Library.SLUICE || s == null ? "" : ratio(r.score(), s.score())));
			bars.add(bar(l, rate, rate * r.error() / r.score(), si(rate) + " records/s"));
		}
		md.append('\n');
		panels.add(new Panel("2. End to end to a file, 1 M records (records per second, higher is better)", false,
				List.of(group("flushed and stopped inside the measured time", bars))));
		Row l4 = data.row("end_to_end", r -> r.param("library").equals("LOG4J2_ALL_ASYNC"));
		Row lb = data.row("end_to_end", r -> r.param("library").equals("LOGBACK_ASYNC"));
		if (s != null && l4 != null) {
			double q = l4.score() / s.score();
			goals.add("end to end ≥ 1.2× Log4j2 all-async (RandomAccessFile appender)", f("%.2f×", q), q >= 1.2,
					f("%.0f%% (needs %.2f× more)", 100 * (1 - q / 1.2), 1.2 / q));
		}
		if (s != null && lb != null) {
			double q = lb.score() / s.score();
			goals.add("end to end ≥ 3× Logback AsyncAppender", f("%.2f×", q), q >= 3,
					f("%.0f%% (needs %.2f× more)", 100 * (1 - q / 3), 3 / q));
		}
	}

	/**
	 * The stalled-sink table of {@code measure} (under G1, or {@code _zgc}: the same run under
	 * ZGC); {@code collector} goes into the goal lines, {@code section} numbers the heading (empty: 3).
	 */
	private void stalledSink(String measure, String collector, String section) {
		if (!section.isEmpty()) {
			if (data.extras(measure, Library.SLUICE.name(), Map.of()).isEmpty()) {
				return; // a quick run, or a run before this measure existed
			}
			md.append("## ").append(section).append(". Stalled sink under ZGC\n\n")
					.append("The same measure, every library's JVM running ZGC instead of G1 (`-XX:+UseZGC`, same heap):\n"
							+ "ZGC's pauses do not grow with the live data, so a call over 1 ms here is not a collector\n"
							+ "pause. (Under G1 the first young collection of a JVM copies everything it has made since it\n"
							+ "started: 16 MB in 17 ms in a run of Sluice's with `-Xlog:gc`; it stops every thread, the\n"
							+ "caller's too, whatever the library.)\n\n");
		}
		else {
			md.append("## 3. Stalled sink: caller latency while a second sink takes 5 s per batch\n\n")
					.append("One thread logs at 100,000 records/s; every call is timed (HdrHistogram of all measured calls,\n"
							+ "both forks merged). Every library at its defaults: Sluice's second sink has its own buffer\n"
							+ "and thread; Log4j2 all-async has one ring for both appenders; the AsyncAppenders (one per\n"
							+ "appender) block when full, except Logback's, which discards INFO once 80% full. A caller stuck\n"
							+ "behind the stall stays stuck as long as it lasts (Log4j2's async loggers let a waiting caller in\n"
							+ "only every 50 processed events: 250 s here); the harness releases the stall 5 s after the end of\n"
							+ "such a shot, so that the run ends: those maxima are lower bounds (*shots cut*). *In a GC pause*:\n"
							+ "the calls over 1 ms that overlap a stop-the-world collector pause (JFR's `jdk.GCPhasePause`),\n"
							+ "which stops every thread of the JVM whatever it runs; *at another safepoint*: those that overlap\n"
							+ "another VM operation that stops every thread, or the wait to reach it (JFR); *waiting for a CPU*:\n"
							+ "those during which the caller's thread waited on the kernel's run queue for all but 1 ms of the\n"
							+ "call (`/proc/thread-self/schedstat`: the scheduler gave its core to another thread); *none of\n"
							+ "these*: the rest, which the library made slow. *GC pauses*: those in the measured shots, with\n"
							+ "the longest.\n\n");
		}
		md.append("| library | calls timed | p50 | p99 | p99.9 | max | calls > 1 ms | in a GC pause | at another safepoint | waiting for a CPU | none of these | GC pauses (longest) |"
				+ " shots cut | file: delivered of calls | lost silently | stalled sink got |\n")
				.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		List<Bar> p999 = new ArrayList<>();
		List<Bar> max = new ArrayList<>();
		for (Library l : LIBS) {
			List<JsonNode> ex = data.extras(measure, l.name(), Map.of());
			Histogram h = Data.mergedLatency(ex);
			if (h == null) {
				md.append("| ").append(name(l)).append(" | missing | | | | | | | | | | | | | | |\n");
				continue;
			}
			long over = h.getCountBetweenValues(1_000_001, Math.max(1_000_001, h.getMaxValue()));
			long cut = 0;
			long inPause = 0;
			long atSafepoint = 0;
			long descheduled = 0;
			long recorded = 0;
			long pauses = 0;
			long longestPause = 0;
			for (JsonNode n : ex) {
				JsonNode lat = n.path("latency");
				cut += lat.path("watchdog_releases").asLong();
				inPause += lat.path("over_1ms_in_gc_pause").asLong();
				atSafepoint += lat.path("over_1ms_at_safepoint").asLong();
				descheduled += lat.path("over_1ms_descheduled").asLong();
				// runs before these columns kept no count of their own: every slow call was recorded
				recorded += lat.has("over_1ms_recorded") ? lat.path("over_1ms_recorded").asLong() : lat.path("over_1ms").asLong();
				pauses += lat.path("gc_pauses").asLong();
				longestPause = Math.max(longestPause, lat.path("gc_longest_pause_us").asLong() * 1_000);
			}
			long unexplained = recorded - inPause - atSafepoint - descheduled;
			md.append(f("| %s | %d | %s | %s | %s | %s%s | %d | %d | %d | %d | %d | %d (%s) | %d | %d of %d | %d | %d |%n", name(l),
					h.getTotalCount(), nanos(h.getValueAtPercentile(50)), nanos(h.getValueAtPercentile(99)),
					nanos(h.getValueAtPercentile(99.9)), cut > 0 ? "≥ " : "", nanos(h.getMaxValue()), over, inPause,
					atSafepoint, descheduled, unexplained, pauses, nanos(longestPause), cut,
					Data.sum(ex, "delivered"),
					Data.sum(ex, "calls"), Data.sum(ex, "silently_lost"), Data.sum(ex, "stalled_sink_records")));
			p999.add(bar(l, h.getValueAtPercentile(99.9), 0, "p99.9 " + nanos(h.getValueAtPercentile(99.9))));
			max.add(bar(l, h.getMaxValue(), 0, "max " + nanos(h.getMaxValue())));
			if (l == Library.SLUICE) {
				double q = h.getValueAtPercentile(99.9);
				goals.add("stalled sink" + collector + ": Sluice's caller p99.9 < 10 µs", nanos(q), q < 10_000,
						f("%.1f× too slow (%s over)", q / 10_000, nanos(q - 10_000)));
				goals.add("stalled sink" + collector + ": no Sluice call over 1 ms", f("max %s, %d of %d calls over 1 ms",
						nanos(h.getMaxValue()), over, h.getTotalCount()), over == 0,
						f("%d calls over 1 ms (max %s): %d in a GC pause, %d at another safepoint, %d waiting for a CPU, "
								+ "%d none of these", over, nanos(h.getMaxValue()), inPause, atSafepoint, descheduled,
								unexplained));
				goals.add("stalled sink" + collector + ": no Sluice call over 1 ms but those the JVM or the scheduler stopped",
						f("%d of %d calls over 1 ms explained by neither", unexplained, over), unexplained == 0,
						f("%d calls over 1 ms that Sluice made slow", unexplained));
			}
		}
		md.append('\n');
		panels.add(new Panel((section.isEmpty() ? "3" : section) + ". Stalled second sink" + collector
				+ ": caller latency (log scale, lower is better)", true,
				List.of(group("p99.9", p999), group("max", max))));
	}

	private void allocation() {
		md.append("## 4. Allocation per record on the caller's path\n\n")
				.append("One thread, no-op sink. *Caller* is the benchmark thread's own allocation\n"
						+ "(`ThreadMXBean.getThreadAllocatedBytes` over the measured iterations, divided by the calls);\n"
						+ "*all threads* is JMH's `-prof gc` `gc.alloc.rate.norm`, which also counts the library's\n"
						+ "background threads (formatting, batching) and, for a library that discards, nothing for the\n"
						+ "records it never formats. Sluice by default drops (and counts) most calls of this flood before\n"
						+ "building anything, so its bytes/call mostly average dropped calls; *Sluice, callers wait* drops\n"
						+ "nothing, so its figure is the allocation per record built.\n\n")
				.append("| library | caller, bytes/call | all threads, bytes/call | ± | calls/s |\n")
				.append("| --- | ---: | ---: | ---: | ---: |\n");
		List<Bar> bars = new ArrayList<>();
		for (Library l : CALLER_LIBS) {
			Row r = data.row("allocation", x -> x.param("library").equals(l.name()));
			List<JsonNode> ex = data.extras("allocation", l.name(), Map.of());
			double caller = callerBytes(ex);
			double[] gc = r == null ? null : r.secondary("gc.alloc.rate.norm");
			md.append(f("| %s | %.1f | %s | %s | %s |%n", name(l), caller, gc == null ? "n/a" : f("%.1f", gc[0]),
					gc == null ? "" : f("%.1f", gc[1]), r == null ? "missing" : si(r.score())));
			bars.add(bar(l, caller, 0, f("%.0f B/call on the caller", caller)));
			if (l == Library.SLUICE || l == Library.SLUICE_WAIT && !ex.isEmpty()) {
				goals.add("caller allocation ≤ one object of ≤ 64 bytes per record"
						+ (l == Library.SLUICE ? " (per call, most dropped)" : " (per record built: callers wait, none dropped)"),
						// whole bytes: a call allocates whole objects; the fraction above them is JMH's
						// own per-iteration allocation on the benchmark thread, spread over the calls
						f("%.1f bytes/call", caller), Math.round(caller) <= 64,
						f("%.0f bytes too many (%.1f× the budget)", caller - 64, caller / 64));
			}
		}
		md.append('\n');
		panels.add(new Panel("4. Bytes allocated by the caller per call (lower is better)", false,
				List.of(group("one thread, no-op sink", bars))));
	}

	private static double callerBytes(List<JsonNode> ex) {
		double bytes = 0;
		long calls = 0;
		for (JsonNode n : ex) {
			long c = n.path("measured_calls").asLong();
			bytes += n.path("caller_bytes_per_call").asDouble() * c;
			calls += c;
		}
		return calls == 0 ? Double.NaN : bytes / calls;
	}

	private void reload() {
		md.append("## 5. Reload under load: the configuration file rewritten and applied every 100 ms\n\n")
				.append("One thread logs to a file (caller-cost settings) while another rewrites the library's own\n"
						+ "config file every 100 ms (one other logger's level flips) and makes the library apply it, as its\n"
						+ "watcher would: Log4j2 re-reads its XML, Logback resets and re-reads `logback.xml`, Sluice reads,\n"
						+ "validates and applies its dictConfig JSON (module config). *Steady* is the same library's\n"
						+ "figure in measure 1 (file, 1 thread).\n\n")
				.append("| library | calls/s | ± | delivered/s | ± | delivered, ÷ steady | reloads applied | failed |"
						+ " slowest reload | dropped, counted | lost silently |\n")
				.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		List<Bar> bars = new ArrayList<>();
		for (Library l : LIBS) {
			Row r = data.row("reload", x -> x.param("library").equals(l.name()));
			if (r == null) {
				md.append("| ").append(name(l)).append(" | missing | | | | | | | | | | | | | | |\n");
				continue;
			}
			List<JsonNode> ex = data.extras("reload", l.name(), Map.of());
			double[] del = r.secondary("delivered");
			Row steady = caller(l, "FILE", 1);
			double[] sd = steady == null ? null : steady.secondary("delivered");
			double slowest = 0;
			for (JsonNode n : ex) {
				slowest = Math.max(slowest, n.path("slowest_reload_ms").asDouble());
			}
			long calls = Data.sum(ex, "calls");
			md.append(f("| %s | %s | %s | %s | %s | %s | %d | %d | %.0f ms | %s | %s |%n", name(l), si(r.score()),
					si(r.error()), del == null ? "n/a" : si(del[0]), del == null ? "" : si(del[1]),
					del == null || sd == null ? "n/a" : ratio(del[0], sd[0]), Data.sum(ex, "reloads"),
					Data.sum(ex, "reload_failures"), slowest, share(Data.sum(ex, "counted_drops"), calls),
					share(Data.sum(ex, "silently_lost"), calls)));
			if (del != null) {
				bars.add(bar(l, del[0], del[1], si(del[0]) + " records/s delivered"));
			}
		}
		md.append('\n');
		panels.add(new Panel("5. Reload every 100 ms: records delivered per second (higher is better)", false,
				List.of(group("file, 1 thread", bars))));
	}
}
