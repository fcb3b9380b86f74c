package dev.sluice.sinks.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.BufferSpec;
import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.layouts.PythonFormatter;

/**
 * The pipeline's own threads (router and the file sink's runner) allocate at most 64 bytes per
 * record for a two-argument call formatted with a Python format into a file: the message is
 * formatted straight into the line, the line encoded into reused buffers. Measured from the
 * threads' allocated-bytes counters over 200,000 records after 200,000 of warm-up.
 */
class PipelineAllocationTest {

	@Test
	void thePipelineThreadsAllocateAtMost64BytesPerRecord(@TempDir Path dir) {
		com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		FileSinks sinks = new FileSinks(new MutableClock(1_596_000_011_491L, ZoneOffset.UTC), dir);
		PythonFormatter layout = PythonFormatter.of("%(asctime)s - %(name)s - %(threadName)s - %(levelname)s - %(message)s");
		Sluice sluice = Sluice.builder().shutdownHook(false).status(sinks.env.status())
				.plan(RoutingPlan.builder()
						.handler(HandlerSpec.of("file", () -> sinks.create("logging.FileHandler", Map.of("filename", "a.log"),
								layout)).withBuffer(BufferSpec.LOSSLESS))
						.root(LoggerSpec.of(Level.INFO, "file")).build())
				.build();
		Logger log = sluice.logger("jibe.provider.sync");
		Object bucket = "eu-west-1/prod";
		Object ms = 4711;
		for (int i = 0; i < 200_000; i++) {
			log.info("Providers sync for bucket {} finished after {} ms", bucket, ms);
		}
		sluice.flush().block(Duration.ofSeconds(120));
		Map<Long, Long> before = pipelineThreads(mx);
		int records = 200_000;
		for (int i = 0; i < records; i++) {
			log.info("Providers sync for bucket {} finished after {} ms", bucket, ms);
		}
		sluice.flush().block(Duration.ofSeconds(120));
		Map<Long, Long> after = pipelineThreads(mx);
		long allocated = 0;
		for (Map.Entry<Long, Long> e : after.entrySet()) {
			allocated += e.getValue() - before.getOrDefault(e.getKey(), 0L);
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
		assertThat(report.sink("file").delivered()).isEqualTo(400_000);
		assertThat(allocated / (double) records).as("bytes per record on the pipeline's threads").isLessThanOrEqualTo(64.0);
	}

	private static Map<Long, Long> pipelineThreads(com.sun.management.ThreadMXBean mx) {
		Map<Long, Long> m = new HashMap<>();
		for (Thread t : Thread.getAllStackTraces().keySet()) {
			if (t.getName().equals("sluice-router") || t.getName().startsWith("sluice-sink-")) {
				m.put(t.getId(), mx.getThreadAllocatedBytes(t.getId()));
			}
		}
		return m;
	}
}
