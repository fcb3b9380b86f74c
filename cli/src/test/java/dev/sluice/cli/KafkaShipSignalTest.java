package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.sinks.kafka.testing.EmbeddedKafkaExtension;

/**
 * {@code sluice ship --from kafka} as a user runs it, in its own JVM, stopped by SIGTERM (what
 * Ctrl-C's SIGINT does too: the JVM runs its shutdown hooks): it drains, commits exactly what
 * it wrote and prints its summary line before the process ends.
 */
class KafkaShipSignalTest {

	private static final int RECORDS = 20_000;

	@TempDir
	static Path dir;

	@RegisterExtension
	static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

	@Tag("fault-injection")
	@Test
	void aTerminationSignalDrainsCommitsWhatWasWrittenAndPrintsTheSummary() throws Exception {
		kafka.createTopic("signal", 3);
		Properties p = new Properties();
		p.put("bootstrap.servers", kafka.bootstrapServers());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			for (int i = 0; i < RECORDS; i++) {
				String json = "{\"schema\": 1, \"id\": \"s-" + i + "\", \"level\": \"INFO\", \"message\": \"m " + i + "\"}";
				producer.send(new ProducerRecord<>("signal", json.getBytes(StandardCharsets.UTF_8)));
			}
			producer.flush();
		}
		Path out = dir.resolve("signal.log");
		Path config = dir.resolve("signal.json");
		Files.writeString(config, "{\"version\": 1, \"formatters\": {\"m\": {\"format\": \"%(message)s\"}},"
				+ " \"handlers\": {\"out\": {\"class\": \"logging.FileHandler\", \"formatter\": \"m\", \"filename\": \""
				+ out.toString().replace("\\", "\\\\") + "\"}}, \"root\": {\"level\": \"INFO\", \"handlers\": [\"out\"]}}");
		Path stderr = dir.resolve("stderr.txt");
		Process ship = CliProcess.start(stderr, "ship", "--from", "kafka", "--bootstrap", kafka.bootstrapServers(),
				"--topic", "signal", "--group", "signal-shippers", "--config", config.toString(), "--consumer-property",
				"max.poll.records=500");
		try {
			// Stop it mid-stream if it is still shipping: as soon as it has written anything.
			await(() -> lines(out) > 0 || !ship.isAlive(), "the shipper to write its first records", stderr);
			assertThat(ship.isAlive()).as("the shipper still running before the signal").isTrue();
			ship.destroy(); // SIGTERM
			assertThat(ship.waitFor(120, TimeUnit.SECONDS)).as("the shipper to end after the signal").isTrue();
		}
		finally {
			ship.destroyForcibly();
		}
		String text = Files.readString(stderr);
		assertThat(text).contains("sluice ship: kafka topic signal: shipped").contains("sink out: read");
		long written = lines(out);
		assertThat(written).isPositive();
		// Drained and committed: every record written is committed, and nothing that was not written.
		long committed = 0;
		try (Admin admin = kafka.admin()) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("signal-shippers")
					.partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
			for (OffsetAndMetadata o : offsets.values()) {
				committed += o.offset();
			}
		}
		assertThat(committed).as("committed offsets, against " + written + " lines written; stderr: " + text)
				.isEqualTo(written);
		List<String> all = Files.readAllLines(out);
		assertThat(all).doesNotHaveDuplicates();
	}

	private static long lines(Path file) {
		try {
			return Files.exists(file) ? Files.readAllLines(file).size() : 0;
		}
		catch (java.io.IOException e) {
			return 0;
		}
	}

	/** Waits for a condition (a bound against hanging, not a timing assertion). */
	private static void await(BooleanSupplier condition, String what, Path stderr) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("gave up waiting for " + what + "; stderr: "
						+ (Files.exists(stderr) ? Files.readString(stderr) : ""));
			}
			Thread.sleep(20);
		}
	}
}
