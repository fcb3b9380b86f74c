package dev.sluice.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sluice.benchmarks.stacks.Library;
import dev.sluice.benchmarks.stacks.Profile;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Measure 1, caller cost: calls per second of one {@code info} with two arguments, from 1 and 2
 * threads, each library writing the same text to a file or to a no-op stream (formatting and
 * encoding included, on the library's own threads).
 *
 * <p>Beside the calls, the secondary result {@code delivered} is the records per second that
 * reached the sink in the same iterations: a library that discards when its queue is full
 * (Sluice counts them, Logback's {@code neverBlock} does not) makes calls faster than it
 * delivers; one that blocks (Log4j2) calls no faster than it writes. Each trial ends with the
 * delivery check of {@link Trial}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
public class CallerCostBenchmark {

	@State(Scope.Benchmark)
	public static class Stacks {

		@Param({"SLUICE", "LOG4J2_ALL_ASYNC", "LOG4J2_ASYNC_APPENDER", "LOGBACK_ASYNC", "SLUICE_WAIT"})
		public Library library;

		@Param({"FILE", "NOOP"})
		public Target target;

		Trial trial;

		@Setup(Level.Trial)
		public void open() {
			trial = Trial.open("caller_cost", library, target, Profile.CALLER, s -> s);
		}

		@TearDown(Level.Trial)
		public void close(BenchmarkParams params) {
			trial.awaitReports(params.getThreads() * (params.getWarmup().getCount() + params.getMeasurement().getCount()));
			trial.finish(Map.of("target", target.name(), "threads", params.getThreads()), Map.of(), true);
		}
	}

	/** Per thread: its calls, and (first thread only) the records delivered per second. */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.OPERATIONS)
	public static class Delivered {

		/** Records that reached the sink during the iteration; JMH reports it per second (OPERATIONS). */
		public long delivered;

		long calls;
		private boolean reports;
		private final DeliveredRate rate = new DeliveredRate();

		@Setup(Level.Iteration)
		public void begin(Stacks s, ThreadParams thread) {
			reports = thread.getThreadIndex() == 0;
			delivered = 0;
			rate.begin(s.trial.stack().output());
		}

		@TearDown(Level.Iteration)
		public void end(Stacks s) {
			s.trial.report(calls);
			calls = 0;
			delivered = reports ? rate.end(s.trial.stack().output()) : 0;
		}
	}

	@Benchmark
	@Threads(1)
	public void oneThread(Stacks s, Delivered d) {
		s.trial.stack().info(Workload.TEMPLATE, Workload.ARG1, Workload.ARG2);
		d.calls++;
	}

	@Benchmark
	@Threads(2)
	public void twoThreads(Stacks s, Delivered d) {
		s.trial.stack().info(Workload.TEMPLATE, Workload.ARG1, Workload.ARG2);
		d.calls++;
	}
}
