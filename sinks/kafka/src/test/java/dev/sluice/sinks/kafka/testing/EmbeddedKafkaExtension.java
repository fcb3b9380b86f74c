package dev.sluice.sinks.kafka.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EmbeddedKafka} broker per test class: register it as a static field,
 * {@code @RegisterExtension static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();}, and use
 * it as the broker. The broker starts before the class's first test, with its data in a directory of its own,
 * and stops (data deleted) after the last. Blocking: call from test threads only.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {

	private Path dir;
	private EmbeddedKafka kafka;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		dir = Files.createTempDirectory("sluice-kafka-");
		kafka = EmbeddedKafka.start(dir);
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		try {
			if (kafka != null) {
				kafka.close();
			}
		}
		finally {
			kafka = null;
			delete(dir);
		}
	}

	private EmbeddedKafka broker() {
		if (kafka == null) {
			throw new IllegalStateException("the broker runs only between the class's @BeforeAll and @AfterAll;"
					+ " register the extension on a static field");
		}
		return kafka;
	}

	/** The broker's {@code bootstrap.servers}. */
	public String bootstrapServers() {
		return broker().bootstrapServers();
	}

	/** Creates {@code topic} with {@code partitions} partitions and waits until it exists. */
	public void createTopic(String topic, int partitions) throws Exception {
		broker().createTopic(topic, partitions);
	}

	/** A new admin client of the broker; the caller closes it. */
	public Admin admin() {
		return broker().admin();
	}

	/** Shuts the broker down (the controller stays up). */
	public void stopBroker() {
		broker().stopBroker();
	}

	/** Starts the stopped broker again on the same port. */
	public void startBroker() throws Exception {
		broker().startBroker();
	}

	private static void delete(Path root) {
		dev.sluice.testkit.Directories.deleteTree(root);
	}
}
