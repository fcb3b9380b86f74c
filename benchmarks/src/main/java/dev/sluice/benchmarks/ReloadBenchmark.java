package dev.sluice.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.sluice.benchmarks.stacks.Library;
import dev.sluice.benchmarks.stacks.Profile;
import dev.sluice.benchmarks.stacks.StackSpec;
import dev.sluice.benchmarks.stacks.Target;
import dev.sluice.benchmarks.stacks.Workload;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measure 5, reload under load: caller calls/s and delivered records/s to a file while a
 * background thread rewrites the configuration every {@code periodMillis} and makes the library
 * apply it (each reload flips one other logger's level; the file appender/sink is the same).
 * Each library re-reads its own file, as its watcher does on a change: Log4j2 its XML
 * ({@code setConfigLocation}), Logback its {@code logback.xml} (reset, then Joran), Sluice its
 * dictConfig JSON (module config: read, validate, plan, apply). The watchers' own polling is not
 * used (Log4j2's {@code monitorInterval} counts in whole seconds). Records lost across reloads
 * are reported, not failed: that is what this measure is for.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
@Threads(1)
public class ReloadBenchmark {

	@State(Scope.Benchmark)
	public static class Stacks {

		@Param({"SLUICE", "LOG4J2_ALL_ASYNC", "LOG4J2_ASYNC_APPENDER", "LOGBACK_ASYNC"})
		public Library library;

		@Param({"100"})
		public int periodMillis;

		Trial trial;
		private Thread reloader;
		private volatile boolean running;
		private final AtomicLong reloads = new AtomicLong();
		private final AtomicLong failures = new AtomicLong();
		private volatile long slowestNanos;
		private volatile String firstFailure = "";

		@Setup(Level.Trial)
		public void open() {
			trial = Trial.open("reload", library, Target.FILE, Profile.CALLER, StackSpec::withConfigFile);
			running = true;
			reloader = new Thread(this::reloadLoop, "bench-reloader");
			reloader.setDaemon(true);
			reloader.start();
		}

		private void reloadLoop() {
			int generation = 1;
			long next = System.nanoTime();
			while (running) {
				next += TimeUnit.MILLISECONDS.toNanos(periodMillis);
				long t0 = System.nanoTime();
				try {
					trial.stack().reload(generation++);
					reloads.incrementAndGet();
				}
				catch (Exception | Error e) {
					if (failures.getAndIncrement() == 0) {
						firstFailure = e.toString();
					}
				}
				long took = System.nanoTime() - t0;
				if (took > slowestNanos) {
					slowestNanos = took;
				}
				long wait = next - System.nanoTime();
				if (wait > 0) {
					java.util.concurrent.locks.LockSupport.parkNanos(wait);
				}
			}
		}

		@TearDown(Level.Trial)
		public void close() throws InterruptedException {
			running = false;
			reloader.join();
			Map<String, Object> more = new LinkedHashMap<>();
			more.put("reloads", reloads.get());
			more.put("reload_failures", failures.get());
			more.put("first_failure", firstFailure);
			more.put("slowest_reload_ms", slowestNanos / 1e6);
			trial.finish(Map.of("period_ms", periodMillis), more, false);
		}
	}

	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.OPERATIONS)
	public static class Delivered {

		/** Records that reached the file during the iteration; JMH reports it per second. */
		public long delivered;

		long calls;
		private final DeliveredRate rate = new DeliveredRate();

		@Setup(Level.Iteration)
		public void begin(Stacks s) {
			delivered = 0;
			rate.begin(s.trial.stack().output());
		}

		@TearDown(Level.Iteration)
		public void end(Stacks s) {
			s.trial.report(calls);
			calls = 0;
			delivered = rate.end(s.trial.stack().output());
		}
	}

	@Benchmark
	public void info(Stacks s, Delivered d) {
		s.trial.stack().info(Workload.TEMPLATE, Workload.ARG1, Workload.ARG2);
		d.calls++;
	}
}
