package dev.sluice.benchmarks;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.Sluice;
import dev.sluice.benchmarks.stacks.Workload;

/**
 * The CPU the pipeline's own threads (router, sinks) use, from their thread CPU time: idle, and at
 * a steady 200 records/s into a file through a dictConfig. Not a JMH benchmark (it measures a
 * rate over wall time): {@code java -cp ... dev.sluice.benchmarks.PipelineCpu [seconds]}.
 */
public final class PipelineCpu {

	private PipelineCpu() {
	}

	public static void main(String[] args) throws Exception {
		int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
		Sluice sluice = FilePipeline.start("sluice-cpu");
		Logger log = sluice.logger(Workload.LOGGER);
		// warm-up: the pipeline's code compiled, as in a service that has run a while
		for (int i = 0; i < 200_000; i++) {
			log.info("Providers sync for bucket {} finished after {} ms", "warm-up", i);
		}
		sluice.flush().block(Duration.ofSeconds(60));
		Thread.sleep(2_000);
		double idle = cpuPercent(seconds, () -> LockSupport.parkNanos(100_000_000L));
		long[] n = {0};
		double steady = cpuPercent(seconds, () -> {
			log.info("Providers sync for bucket {} finished after {} ms", "eu-west-1/prod", n[0]++);
			LockSupport.parkNanos(5_000_000L);
		});
		sluice.shutdown(Duration.ofSeconds(10)).block();
		System.out.printf(Locale.ROOT, "pipeline threads' CPU, %% of one core: idle %.3f%%, 200 records/s %.3f%% (%d records)%n",
				idle, steady, n[0]);
	}

	/** Runs {@code step} for {@code seconds} and returns the CPU of the sluice-* threads over that time, in % of a core. */
	private static double cpuPercent(int seconds, Runnable step) {
		boolean perThread = Boolean.getBoolean("sluice.cpu.threads");
		Map<String, Long> sleepsBefore = new java.util.HashMap<>();
		if (perThread) {
			for (Thread t : Thread.getAllStackTraces().keySet()) {
				if (PIPELINE.test(t)) {
					sleepsBefore.put(t.getName(), switches(t.getName()));
				}
			}
		}
		ThreadCpu.Usage usage = ThreadCpu.during(seconds, step, PIPELINE);
		if (perThread) {
			for (long id : usage.cpuNanos().keySet()) {
				String name = usage.names().get(id);
				System.out.printf(Locale.ROOT, "  thread %d %s: %.3f%%, %d sleeps%n", id, name, usage.percent(id),
						switches(name) - sleepsBefore.getOrDefault(name, 0L));
			}
		}
		return usage.percent();
	}

	private static final java.util.function.Predicate<Thread> PIPELINE = t -> t.getName().startsWith("sluice-");

	/** The thread's voluntary context switches (its sleeps), from /proc on Linux, or -1. */
	private static long switches(String name) {
		try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
			for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
				String comm = java.nio.file.Files.readString(task.resolve("comm")).trim();
				if (name.startsWith(comm)) {
					for (String line : java.nio.file.Files.readAllLines(task.resolve("status"))) {
						if (line.startsWith("voluntary_ctxt_switches:")) {
							return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
						}
					}
				}
			}
		}
		catch (java.io.IOException | RuntimeException e) {
			return -1;
		}
		return -1;
	}
}
