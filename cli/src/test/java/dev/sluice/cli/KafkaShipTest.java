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
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.config.ConfigLoader;
import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import reactor.core.publisher.Mono;
import dev.sluice.sinks.kafka.testing.EmbeddedKafkaExtension;

/**
 * {@code sluice ship --from kafka} against a real KRaft broker: records logged through the Kafka
 * sink, shipped by two group members into file sinks, one member killed mid-stream.
 */
class KafkaShipTest {

	private static final int RECORDS = 100_000;

	@TempDir
	static Path dir;

	@RegisterExtension
	static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

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

	/** A group member: its own consumer, logging into a pipeline it may share with another member. */
	private static final class Member {
		final KafkaShipper shipper;
		final ByteArrayOutputStream err = new ByteArrayOutputStream();
		Future<?> running;

		Member(Sluice sluice, ShipCommand.ShipClock clock, String topic, String group, int maxPoll) {
			shipper = new KafkaShipper(sluice, clock, kafka.bootstrapServers(), topic, group, Duration.ofSeconds(60),
					// a member that died without leaving the group is noticed after 6 s (the broker's minimum)
					Map.of("max.poll.records", Integer.toString(maxPoll), "session.timeout.ms", "6000",
							"heartbeat.interval.ms", "1000"),
					new PrintStream(err, true, StandardCharsets.UTF_8));
		}
	}

	@Tag("fault-injection")
	@Test
	void twoShippersWriteEveryRecordExactlyOnceIntoTheFileEvenWhenOneDiesBeforeCommitting() throws Exception {
		kafka.createTopic("logs", 4);
		// The service side: records through the Kafka sink, configured by name in a dictConfig file.
		Sluice service = pipeline(config("service", "{\"class\": \"kafka\", \"bootstrap_servers\": \""
				+ kafka.bootstrapServers() + "\", \"topic\": \"logs\", \"compression\": \"lz4\", \"buffer_size\": 131072}"), null);
		for (int i = 0; i < RECORDS; i++) {
			service.logger("svc.part" + (i % 8)).info("rec {}", i);
		}
		ShutdownReport produced = service.shutdown(Duration.ofSeconds(120)).block(Duration.ofSeconds(150));
		assertThat(produced.sink("out").delivered()).isEqualTo(RECORDS);

		// The shipping side: two members of one group logging into one pipeline whose file sink
		// de-duplicates by record id. The window must cover what the survivor writes between the
		// dead member's write and their redelivery: at worst every record of its own partitions,
		// and with 8 loggers keyed onto 4 partitions that share can be anything, so the window is
		// the run's size (100,000 ids, about 10 MB); the default 10,000 covers a few polls.
		Path out = dir.resolve("all.log");
		ShipCommand.ShipClock clock = new ShipCommand.ShipClock();
		Sluice shared = pipeline(config("shipping", "{\"class\": \"logging.FileHandler\", \"formatter\": \"m\","
				+ " \"dedup_window\": " + RECORDS + ", \"filename\": \"" + out.toString().replace("\\", "\\\\") + "\"}"), clock);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		Member a = new Member(shared, clock, "logs", "shippers", 2000);
		Member b = new Member(shared, clock, "logs", "shippers", 2000);
		int exit;
		try {
			diagnostics = () -> "; a: " + a.shipper.summary(Duration.ofSeconds(1)) + " " + a.err + "; b: "
					+ b.shipper.summary(Duration.ofSeconds(1)) + " " + b.err + " " + shared.reports();
			a.running = threads.submit(a.shipper::run);
			b.running = threads.submit(b.shipper::run);
			await(() -> a.shipper.shipped() >= 10_000 || a.running.isDone(), "shipper a to ship 10,000 records");
			// a dies with records written to the file whose offsets are not committed: b ships them again.
			a.shipper.crashBeforeNextCommit();
			a.running.get(60, TimeUnit.SECONDS);

			await(() -> allCommitted("logs", "shippers", 4) || b.running.isDone(), "every offset of 'logs' to be committed");
			assertThat(b.running).as("shipper b still running").isNotDone();
			b.shipper.stop(); // as Ctrl-C: drain, commit, summary
			b.running.get(60, TimeUnit.SECONDS);
			exit = KafkaShip.finish(b.shipper, shared, Duration.ofSeconds(60), System.nanoTime(),
					new PrintStream(b.err, true, StandardCharsets.UTF_8));
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(b.err.toString(StandardCharsets.UTF_8)).contains("sluice ship: kafka topic logs: shipped")
				.contains("sink out: read").contains("duplicate");
		assertThat(exit).as("skipped duplicates do not fail the run").isZero();
		assertThat(a.shipper.shipped()).isPositive();
		assertThat(b.shipper.shipped()).isPositive();
		assertThat(b.shipper.commits()).isPositive();
		long redelivered = a.shipper.shipped() + b.shipper.shipped() - RECORDS;
		assertThat(redelivered).as("records shipped twice").isPositive();

		// The file itself: every record exactly once, no de-duplication step here.
		List<String> lines = Files.readAllLines(out);
		Set<String> seen = new HashSet<>();
		for (String line : lines) {
			if (!seen.add(line)) {
				throw new AssertionError("'" + line + "' is in the file twice");
			}
		}
		for (int i = 0; i < RECORDS; i++) {
			if (!seen.contains("rec " + i)) {
				throw new AssertionError("record 'rec " + i + "' was lost");
			}
		}
		assertThat(lines).hasSize(RECORDS);
	}

	/** A sink that holds its runner thread until the test opens the gate; counts what it wrote. */
	private static final class GatedSink implements Sink {
		final CountDownLatch gate = new CountDownLatch(1);
		final AtomicInteger written = new AtomicInteger();

		@Override
		public Mono<Void> write(Batch batch) {
			try {
				if (!gate.await(120, TimeUnit.SECONDS)) {
					batch.dropped(batch.size(), "test_gate_timeout");
					return Mono.empty();
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return Mono.error(e);
			}
			written.addAndGet(batch.size());
			return Mono.empty();
		}
	}

	@Test
	void aSlowSinkPausesThePartitionsAndConsumptionStopsUntilItCatchesUp() throws Exception {
		int total = 3_000;
		int maxPoll = 100;
		kafka.createTopic("slow", 2);
		Properties p = new Properties();
		p.put("bootstrap.servers", kafka.bootstrapServers());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			for (int i = 0; i < total; i++) {
				String json = "{\"schema\": 1, \"id\": \"id-" + i + "\", \"logger\": \"svc\", \"level\": \"INFO\","
						+ " \"message\": \"slow " + i + "\"}";
				producer.send(new ProducerRecord<>("slow", json.getBytes(StandardCharsets.UTF_8)));
			}
			producer.flush();
		}
		GatedSink sink = new GatedSink();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ShipCommand.ShipClock clock = new ShipCommand.ShipClock();
		Sluice sluice = Sluice.builder().clock(clock).meterRegistry(meters).shutdownHook(false).build();
		sluice.apply(RoutingPlan.builder().root(LoggerSpec.of(Level.DEBUG, "gated"))
				.handler(HandlerSpec.of("gated", () -> sink)).build()).block(Duration.ofSeconds(30));
		Member m = new Member(sluice, clock, "slow", "slow-shippers", maxPoll);
		ExecutorService thread = Executors.newSingleThreadExecutor();
		int exit;
		try {
			diagnostics = () -> "; " + m.shipper.summary(Duration.ofSeconds(1)) + " paused " + m.shipper.paused()
					+ " " + m.err + " " + sluice.reports();
			m.running = thread.submit(m.shipper::run);
			await(() -> m.shipper.paused().size() == 2, "both partitions to be paused behind the stuck sink");
			long shippedWhenPaused = m.shipper.shipped();
			long polls = m.shipper.polls();
			// The member keeps polling (it stays in the group) but, paused, fetches nothing more.
			await(() -> m.shipper.polls() >= polls + 20, "20 more polls while paused");
			assertThat(m.shipper.shipped()).isEqualTo(shippedWhenPaused).isBetween(1L, (long) maxPoll);
			assertThat(m.shipper.paused()).hasSize(2);
			assertThat(sink.written).hasValue(0);
			assertThat(m.shipper.commits()).isZero();
			// Lag per partition: everything not yet shipped is waiting in Kafka, not in memory.
			await(() -> lagSum(meters) == total - shippedWhenPaused, "the lag meters to show what is not shipped");

			sink.gate.countDown();
			await(() -> allCommitted("slow", "slow-shippers", 2), "every offset of 'slow' to be committed");
			await(() -> lagSum(meters) == 0, "the lag meters to fall to 0");
			assertThat(m.shipper.paused()).isEmpty();
			m.shipper.stop();
			m.running.get(60, TimeUnit.SECONDS);
			exit = KafkaShip.finish(m.shipper, sluice, Duration.ofSeconds(60), System.nanoTime(),
					new PrintStream(m.err, true, StandardCharsets.UTF_8));
		}
		finally {
			thread.shutdownNow();
		}
		assertThat(exit).isZero();
		assertThat(sink.written).hasValue(total);
		assertThat(m.shipper.shipped()).isEqualTo(total);
		assertThat(meters.get("sluice.ship.kafka.records").counter().count()).isEqualTo(total);
		assertThat(meters.get("sluice.ship.kafka.commits").counter().count()).isEqualTo(m.shipper.commits())
				.isPositive();
		assertThat(meters.find("sluice.ship.kafka.lag").gauges()).hasSize(2);
		assertThat(m.err.toString(StandardCharsets.UTF_8)).contains("shipped 3,000 record(s)")
				.contains("sink gated: read 3,000  delivered 3,000  dropped 0");
	}

	private static double lagSum(SimpleMeterRegistry meters) {
		return meters.find("sluice.ship.kafka.lag").gauges().stream().mapToDouble(g -> g.value()).sum();
	}

	private static boolean allCommitted(String topic, String group, int partitions) {
		try (Admin admin = kafka.admin()) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata().get();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int p = 0; p < partitions; p++) {
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
	private static volatile Supplier<String> diagnostics = () -> "";

	private static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("gave up waiting for " + what + diagnostics.get());
			}
			Thread.sleep(20);
		}
	}
}
