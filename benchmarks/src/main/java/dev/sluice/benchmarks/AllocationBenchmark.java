package dev.sluice.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sluice.benchmarks.stacks.Library;
import dev.sluice.benchmarks.stacks.Profile;
import dev.sluice.benchmarks.stacks.Target;
import dev.sluice.benchmarks.stacks.Workload;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Measure 4, allocation per record on the caller's path. Run with {@code -prof gc}: JMH's
 * {@code gc.alloc.rate.norm} divides what <em>every</em> thread allocated (the library's writer
 * threads included) by the calls. The caller's own share is measured here beside it, from the
 * benchmark thread's allocation counter ({@code ThreadMXBean.getThreadAllocatedBytes}), and goes
 * to {@link Extras} as {@code caller_bytes_per_call}. One thread, the no-op sink.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
@Threads(1)
public class AllocationBenchmark {

	private static final com.sun.management.ThreadMXBean THREADS =
			(com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

	@State(Scope.Benchmark)
	public static class Stacks {

		@Param({"SLUICE", "LOG4J2_ALL_ASYNC", "LOG4J2_ASYNC_APPENDER", "LOGBACK_ASYNC", "SLUICE_WAIT"})
		public Library library;

		Trial trial;
		long measuredBytes;
		long measuredCalls;

		@Setup(Level.Trial)
		public void open() {
			trial = Trial.open("allocation", library, Target.NOOP, Profile.CALLER, s -> s);
		}

		@TearDown(Level.Trial)
		public void close() {
			double perCall = measuredCalls == 0 ? Double.NaN : (double) measuredBytes / measuredCalls;
			trial.finish(Map.of("target", "NOOP"), Map.of("caller_bytes_per_call", perCall,
					"measured_calls", measuredCalls), true);
		}
	}

	/** The benchmark thread's own allocation over the measured iterations. */
	@State(Scope.Thread)
	public static class CallerBytes {

		long calls;
		private long bytesAtStart;
		private long callsAtStart;
		private boolean measured;

		@Setup(Level.Iteration)
		public void begin(IterationParams iteration) {
			measured = iteration.getType() == IterationType.MEASUREMENT;
			callsAtStart = calls;
			bytesAtStart = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
		}

		@TearDown(Level.Iteration)
		public void end(Stacks s) {
			long bytes = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - bytesAtStart;
			if (measured) {
				s.measuredBytes += bytes;
				s.measuredCalls += calls - callsAtStart;
			}
			s.trial.report(calls);
			calls = 0;
		}
	}

	@Benchmark
	public void info(Stacks s, CallerBytes c) {
		s.trial.stack().info(Workload.TEMPLATE, Workload.ARG1, Workload.ARG2);
		c.calls++;
	}
}
