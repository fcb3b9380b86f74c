package dev.sluice.config;

import static dev.sluice.config.ConfigTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Sinks;

/** A reload that changes a file handler's filename moves the output, with the real file sink, losing nothing. */
class FileMoveReloadTest {

	@TempDir
	Path dir;

	private final Sinks.Many<Object> look = Sinks.many().multicast().directBestEffort();

	private static String config(String filename) {
		return json("{'version': 1, 'disable_existing_loggers': false,"
				+ " 'formatters': {'plain': {'format': '%(message)s'}},"
				+ " 'handlers': {'file': {'class': 'logging.FileHandler', 'filename': '" + filename + "',"
				+ "  'formatter': 'plain', 'encoding': 'utf8'}},"
				+ " 'root': {'level': 'INFO', 'handlers': ['file']}}");
	}

	private ConfigReloader start(Path file) {
		ConfigSource source = ConfigSource.of(file).withLoader(ConfigTestSupport.loader(dir, Map.of())).withWatch(false)
				.withPollInterval(Duration.ofHours(1)).withDebounce(Duration.ZERO).withTriggers(look.asFlux());
		return ConfigReloader.start(Sluice.builder().shutdownHook(false).baseDirectory(dir), source);
	}

	private void rewrite(ConfigReloader reloader, Path file, String text) throws Exception {
		CompletableFuture<ConfigUpdate> next = reloader.outcomes().next().toFuture();
		Path aside = dir.resolve("logging.json.new");
		Files.writeString(aside, text);
		Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		look.tryEmitNext("look");
		ConfigUpdate u = next.get(60, TimeUnit.SECONDS);
		assertThat(u.isValid()).as(String.valueOf(u.error())).isTrue();
	}

	private static List<String> numbers(int from, int to) {
		return IntStream.range(from, to).mapToObj(Integer::toString).collect(Collectors.toList());
	}

	@Test
	void recordsBeforeTheSwitchStayInTheOldFileAndTheRestGoToTheNew() throws Exception {
		Path file = ConfigTestSupport.write(dir, "logging.json", config("logs/a.log"));
		ConfigReloader reloader = start(file);
		Logger log = reloader.sluice().logger("jibe.core");
		for (int i = 0; i < 500; i++) {
			log.info("{}", i);
		}
		rewrite(reloader, file, config("logs/b.log"));
		for (int i = 500; i < 1000; i++) {
			log.info("{}", i);
		}
		ShutdownReport report = reloader.sluice().shutdown(Duration.ofSeconds(30)).block();
		assertThat(report.droppedTotal()).isZero();
		assertThat(Files.readAllLines(dir.resolve("logs/a.log"))).isEqualTo(numbers(0, 500));
		assertThat(Files.readAllLines(dir.resolve("logs/b.log"))).isEqualTo(numbers(500, 1000));
	}

	private static long written(Sluice sluice) {
		dev.sluice.pipeline.SinkReport r = sluice.reports().get("file");
		return r == null ? 0 : r.delivered() + r.dropped();
	}

	@Test
	void aSwitchWhileLoggingGoesOnLosesAndRepeatsNothing() throws Exception {
		Path file = ConfigTestSupport.write(dir, "logging.json", config("a.log"));
		ConfigReloader reloader = start(file);
		Logger log = reloader.sluice().logger("jibe.core");
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger next = new AtomicInteger();
		CountDownLatch started = new CountDownLatch(1);
		Thread writer = new Thread(() -> {
			int i = 0;
			while (!stop.get() || i < 1_000) {
				log.info("{}", i++);
				if (i == 100) {
					started.countDown();
				}
				if ((i & 255) == 0) {
					// stay well within the sink's buffer (16,384): this test is about the switch, not overflow
					while (i - written(reloader.sluice()) > 8_000) {
						java.util.concurrent.locks.LockSupport.parkNanos(100_000);
					}
				}
			}
			next.set(i);
		}, "writer");
		writer.start();
		started.await();
		rewrite(reloader, file, config("b.log"));
		stop.set(true);
		writer.join();
		ShutdownReport report = reloader.sluice().shutdown(Duration.ofSeconds(60)).block();
		List<String> a = Files.readAllLines(dir.resolve("a.log"));
		List<String> b = Files.exists(dir.resolve("b.log")) ? Files.readAllLines(dir.resolve("b.log")) : List.of();
		List<String> both = new ArrayList<>(a);
		both.addAll(b);
		assertThat(report.droppedTotal()).isZero();
		assertThat(a).isNotEmpty();
		// in order, each once: the old file holds a prefix, the new one the rest
		assertThat(both).isEqualTo(numbers(0, next.get()));
	}
}
