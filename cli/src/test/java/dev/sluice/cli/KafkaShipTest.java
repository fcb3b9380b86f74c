package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.config.ConfigLoader;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.sinks.kafka.testing.EmbeddedKafka;

/**
 * {@code sluice ship --from kafka} against a real KRaft broker: records logged through the Kafka
 * sink, shipped by two group members into file sinks, one member killed mid-stream.
 */
class KafkaShipTest {

	private static final int RECORDS = 100_000;

	@TempDir
	static Path dir;

	static EmbeddedKafka kafka;

	@BeforeAll
	static void startKafka() throws Exception {
		kafka = EmbeddedKafka.start(dir.resolve("kafka"));
	}

	@AfterAll
	static void stopKafka() throws Exception {
		if (kafka != null) {
			kafka.close();
		}
	}

	private static Path config(String name, String handler) throws Exception {
		Path file = dir.resolve(name + ".json");
		Files.writeString(file, "{\"version\": 1, \"formatters\": {\"m\": {\"format\": \"%(message)s\"}},"
				+ " \"handlers\": {\"out\": " + handler + "},"
				+ " \"root\": {\"level\": \"DEBUG\", \"handlers\": [\"out\"]}}");
		return file;
	}

	private static Sluice pipeline(Path config, ShipCommand.ShipClock clock) {
		ConfigLoader loader = ConfigLoader.defaults();
		Sluice.Builder b = Sluice.builder().shutdownHook(false).ingressCapacity(1 << 17);
		Sluice sluice = (clock != null ? b.clock(clock) : b).build();
		sluice.apply(loader.plan(loader.read(config), sluice.environment())).block(Duration.ofSeconds(30));
		return sluice;
	}

	private static final class Member {
		final Sluice sluice;
		final KafkaShipper shipper;
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		Future<?> running;

		Member(String name, String topic) throws Exception {
			Path out = dir.resolve(name + ".log");
			ShipCommand.ShipClock clock = new ShipCommand.ShipClock();
			sluice = pipeline(config(name, "{\"class\": \"logging.FileHandler\", \"formatter\": \"m\", \"filename\": \""
					+ out.toString().replace("\\", "\\\\") + "\"}"), clock);
			shipper = new KafkaShipper(sluice, clock, kafka.bootstrapServers(), topic, "shippers", Duration.ofSeconds(60),
					Map.of("max.poll.records", "2000"), new PrintStream(err, true, StandardCharsets.UTF_8));
		}
	}

	@Test
	void twoShippersDeliverEveryRecordAndOneKilledMidStreamLosesNothing() throws Exception {
		kafka.createTopic("logs", 4);
		// The service side: records through the Kafka sink, configured by name in a dictConfig file.
		Sluice service = pipeline(config("service", "{\"class\": \"kafka\", \"bootstrap_servers\": \""
				+ kafka.bootstrapServers() + "\", \"topic\": \"logs\", \"compression\": \"lz4\", \"buffer_size\": 131072}"), null);
		for (int i = 0; i < RECORDS; i++) {
			service.logger("svc.part" + (i % 8)).info("rec {}", i);
		}
		ShutdownReport produced = service.shutdown(Duration.ofSeconds(120)).block();
		assertThat(produced.sink("out").delivered()).isEqualTo(RECORDS);

		ExecutorService threads = Executors.newFixedThreadPool(2);
		Member a = new Member("a", "logs");
		Member b = new Member("b", "logs");
		try {
			diagnostics = "";
			Thread watch = new Thread(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					diagnostics = "; a: " + a.shipper.summary(Duration.ofSeconds(1)) + " " + a.err + "; b: "
							+ b.shipper.summary(Duration.ofSeconds(1)) + " " + b.err + " " + b.sluice.reports();
					try {
						Thread.sleep(200);
					}
					catch (InterruptedException e) {
						return;
					}
				}
			});
			watch.setDaemon(true);
			watch.start();
			a.running = threads.submit(a.shipper::run);
			b.running = threads.submit(b.shipper::run);
			await(() -> a.shipper.shipped() >= 10_000 || a.running.isDone(), "shipper a to ship 10,000 records");
			a.shipper.abort(); // as a crash: no flush, no commit
			a.running.get(60, TimeUnit.SECONDS);
			a.sluice.shutdown(Duration.ofSeconds(60)).block();

			await(() -> allCommitted("logs", "shippers") || b.running.isDone(), "every offset of 'logs' to be committed");
			assertThat(b.running).as("shipper b still running").isNotDone();
			b.shipper.stop(); // as Ctrl-C: drain, commit, summary
			b.running.get(60, TimeUnit.SECONDS);
			int exit = KafkaShip.finish(b.shipper, b.sluice, Duration.ofSeconds(60), System.nanoTime(),
					new PrintStream(b.err, true, StandardCharsets.UTF_8));
			assertThat(exit).isZero();
			assertThat(b.err.toString(StandardCharsets.UTF_8)).contains("sluice ship: kafka topic logs: shipped")
					.contains("sink out: read");
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(a.shipper.shipped()).isPositive();
		assertThat(b.shipper.shipped()).isPositive();
		assertThat(b.shipper.commits()).isPositive();

		Set<String> seen = new HashSet<>();
		long lines = 0;
		for (String name : List.of("a.log", "b.log")) {
			for (String line : Files.readAllLines(dir.resolve(name))) {
				lines++;
				seen.add(line);
			}
		}
		// At least once: after de-duplication every record is there exactly once, none missing.
		assertThat(seen).hasSize(RECORDS);
		for (int i = 0; i < RECORDS; i++) {
			if (!seen.contains("rec " + i)) {
				throw new AssertionError("record 'rec " + i + "' was lost");
			}
		}
		assertThat(lines).isGreaterThanOrEqualTo(RECORDS);
	}

	private static boolean allCommitted(String topic, String group) {
		try (Admin admin = kafka.admin()) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata().get();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int p = 0; p < 4; p++) {
				latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
			}
			var ends = admin.listOffsets(latest).all().get();
			for (var e : ends.entrySet()) {
				OffsetAndMetadata c = committed.get(e.getKey());
				if (c == null || c.offset() < e.getValue().offset()) {
					return false;
				}
			}
			return true;
		}
		catch (Exception e) {
			return false;
		}
	}

	/** Waits for a condition (a bound against hanging, not a timing assertion). */
	private static volatile String diagnostics = "";

	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("gave up waiting for " + what + diagnostics);
			}
			Thread.sleep(20);
		}
	}
}
