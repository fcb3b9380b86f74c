package dev.sluice.benchmarks;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import dev.sluice.benchmarks.stacks.Library;
import dev.sluice.benchmarks.stacks.Profile;
import dev.sluice.benchmarks.stacks.Target;
import dev.sluice.benchmarks.stacks.Workload;

/**
 * The CPU a logging library's own threads use (everything but the caller: Sluice's router and sink
 * runners, Log4j2's Disruptor thread, Logback's AsyncAppender worker), idle and at a steady 200
 * records/s into a file, each library as the other measures set it up (lossless, the workload's
 * line). From the threads' CPU time over wall time, after a warm-up; not JMH. One library per JVM:
 * {@code java -cp ... dev.sluice.benchmarks.BackgroundCpu SLUICE|LOG4J2_ALL_ASYNC|LOGBACK_ASYNC [seconds]}.
 */
public final class BackgroundCpu {

	private BackgroundCpu() {
	}

	public static void main(String[] args) throws Exception {
		Library library = Library.valueOf(args[0]);
		int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
		Trial trial = Trial.open("background_cpu", library, Target.FILE, Profile.LOSSLESS, s -> s);
		var stack = trial.stack();
		long calls = 0;
		for (int i = 0; i < 200_000; i++) {
			stack.info(Workload.TEMPLATE, Workload.ARG1, i);
			calls++;
		}
		Thread.sleep(3_000);
		double idle = cpuPercent(seconds, () -> LockSupport.parkNanos(100_000_000L));
		long[] n = {0};
		double steady = cpuPercent(seconds, () -> {
			stack.info(Workload.TEMPLATE, Workload.ARG1, n[0]++);
			LockSupport.parkNanos(5_000_000L);
		});
		calls += n[0];
		trial.calls.add(calls);
		trial.finish(Map.of("seconds", seconds), Map.of("idle_cpu_percent", idle, "steady_cpu_percent", steady), true);
		System.out.printf(Locale.ROOT, "%s background threads' CPU, %% of one core: idle %.3f%%, 200 records/s %.3f%%"
				+ " (%d records in %d s)%n", library, idle, steady, n[0], seconds);
	}

	/** Runs {@code step} for {@code seconds}; the CPU of every thread but this one over that time, in % of a core. */
	private static double cpuPercent(int seconds, Runnable step) {
		Thread self = Thread.currentThread();
		return ThreadCpu.during(seconds, step, t -> t != self).percent();
	}
}
