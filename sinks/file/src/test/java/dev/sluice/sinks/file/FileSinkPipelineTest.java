package dev.sluice.sinks.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.layouts.PythonFormatter;

/**
 * The rotating file sink behind the real pipeline (with BlockHound installed): many threads log,
 * the sink's runner writes and rotates, every record lands in exactly one file, once.
 */
class FileSinkPipelineTest {

	@Test
	void everyRecordLandsInExactlyOneRotatedFile(@TempDir Path dir) throws Exception {
		MutableClock clock = new MutableClock(1_596_000_011_491L, ZoneId.of("UTC"));
		FileSinks sinks = new FileSinks(clock, dir);
		PythonFormatter layout = PythonFormatter.of("%(levelname)s %(threadName)s %(message)s");
		RoutingPlan plan = RoutingPlan.builder()
				.handler(HandlerSpec.of("file", () -> sinks.create("logging.handlers.RotatingFileHandler",
						Map.of("filename", "logs/app.log", "maxBytes", 4096, "backupCount", 1000, "compress", true,
								"escapeControlChars", true), layout)))
				.root(LoggerSpec.of(Level.INFO, "file")).build();
		Sluice sluice = Sluice.builder().shutdownHook(false).status(sinks.env.status()).clock(clock).plan(plan).build();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int id = t;
			threads.add(new Thread(() -> {
				for (int i = 0; i < 500; i++) {
					sluice.logger("app").info("record {} of thread {}\nsecond line", i, id);
				}
			}, "writer-" + t));
		}
		threads.forEach(Thread::start);
		for (Thread t : threads) {
			t.join();
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block();
		assertThat(report.sink("file").delivered()).isEqualTo(2000);
		assertThat(report.sink("file").dropped()).isZero();

		Set<String> seen = new HashSet<>();
		int files = 0;
		for (String text : FileSinks.files(dir.resolve("logs")).values()) {
			files++;
			for (String line : text.split("\n")) {
				assertThat(line).matches("INFO writer-\\d record \\d+ of thread \\d\\\\nsecond line");
				assertThat(seen.add(line)).as("written once: %s", line).isTrue();
			}
		}
		assertThat(seen).hasSize(2000);
		assertThat(files).isGreaterThan(10);
		assertThat(Files.exists(dir.resolve("logs/app.log.1.gz"))).isTrue();
		assertThat(sinks.status()).isEmpty();
	}
}
