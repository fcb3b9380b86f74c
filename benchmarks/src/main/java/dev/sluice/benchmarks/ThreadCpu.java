package dev.sluice.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The CPU time some threads use while a step runs again and again for a while, from their thread
 * CPU counters: a rate over wall time, for the mains that measure one (not JMH).
 */
final class ThreadCpu {

	/** What the threads used: CPU nanoseconds and name by thread id, and the wall time it took. */
	record Usage(Map<Long, Long> cpuNanos, Map<Long, String> names, long wallNanos) {

		/** All of it, in % of one core. */
		double percent() {
			long used = 0;
			for (long n : cpuNanos.values()) {
				used += n;
			}
			return 100.0 * used / wallNanos;
		}

		/** One thread's, in % of one core. */
		double percent(long threadId) {
			return 100.0 * cpuNanos.getOrDefault(threadId, 0L) / wallNanos;
		}
	}

	private ThreadCpu() {
	}

	/** Runs {@code step} for {@code seconds}; the CPU of the live threads {@code which} accepts over that time. */
	static Usage during(int seconds, Runnable step, Predicate<Thread> which) {
		ThreadMXBean mx = ManagementFactory.getThreadMXBean();
		Map<Long, String> names = new HashMap<>();
		Map<Long, Long> before = sample(mx, which, names);
		long start = System.nanoTime();
		long end = start + seconds * 1_000_000_000L;
		while (System.nanoTime() < end) {
			step.run();
		}
		long wall = System.nanoTime() - start;
		Map<Long, Long> used = sample(mx, which, names);
		used.replaceAll((id, after) -> after - before.getOrDefault(id, 0L));
		return new Usage(used, names, wall);
	}

	private static Map<Long, Long> sample(ThreadMXBean mx, Predicate<Thread> which, Map<Long, String> names) {
		Map<Long, Long> m = new HashMap<>();
		for (Thread t : Thread.getAllStackTraces().keySet()) {
			if (which.test(t)) {
				long c = mx.getThreadCpuTime(t.getId());
				if (c >= 0) {
					m.put(t.getId(), c);
					names.put(t.getId(), t.getName());
				}
			}
		}
		return m;
	}
}
