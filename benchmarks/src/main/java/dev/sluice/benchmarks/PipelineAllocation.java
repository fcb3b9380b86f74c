package dev.sluice.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.sun.management.ThreadMXBean;

import dev.sluice.benchmarks.stacks.Workload;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.Sluice;

/**
 * Bytes the pipeline's own threads (router, sinks) allocate per record, from their allocated-bytes
 * counters: records with two arguments into a file with the benchmark's Python format, after a
 * warm-up. Not a JMH benchmark: {@code java -cp ... dev.sluice.benchmarks.PipelineAllocation [records]}.
 */
public final class PipelineAllocation {

	private PipelineAllocation() {
	}

	public static void main(String[] args) throws Exception {
		int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		Sluice sluice = FilePipeline.start("sluice-alloc");
		Logger log = sluice.logger(Workload.LOGGER);
		for (int i = 0; i < 300_000; i++) {
			log.info("Providers sync for bucket {} finished after {} ms", "eu-west-1/prod", 4711);
		}
		sluice.flush().block(Duration.ofSeconds(60));
		ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
		Map<Long, Long> before = allocated(mx);
		for (int i = 0; i < records; i++) {
			log.info("Providers sync for bucket {} finished after {} ms", "eu-west-1/prod", 4711);
		}
		sluice.flush().block(Duration.ofSeconds(120));
		Map<Long, Long> after = allocated(mx);
		long total = 0;
		for (Map.Entry<Long, Long> e : after.entrySet()) {
			long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
			total += d;
			System.out.printf(Locale.ROOT, "  %s: %.1f B/record%n", NAMES.get(e.getKey()), d / (double) records);
		}
		sluice.shutdown(Duration.ofSeconds(10)).block();
		System.out.printf(Locale.ROOT, "pipeline threads allocate %.1f bytes per record (file sink, Python format, %,d records)%n",
				total / (double) records, records);
	}

	private static final Map<Long, String> NAMES = new HashMap<>();

	private static Map<Long, Long> allocated(ThreadMXBean mx) {
		Map<Long, Long> m = new HashMap<>();
		for (Thread t : Thread.getAllStackTraces().keySet()) {
			if (t.getName().startsWith("sluice-router") || t.getName().startsWith("sluice-sink-")) {
				NAMES.put(t.getId(), t.getName());
				m.put(t.getId(), mx.getThreadAllocatedBytes(t.getId()));
			}
		}
		return m;
	}
}
