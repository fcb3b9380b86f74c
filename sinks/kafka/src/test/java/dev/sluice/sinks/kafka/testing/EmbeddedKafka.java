package dev.sluice.sinks.kafka.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import kafka.server.BrokerServer;

/**
 * A real single-node Kafka cluster in KRaft mode, in this JVM, on free ports, with its data in
 * {@code dir}: Kafka's own test kit ({@code kafka-test-common-runtime}), one broker and one
 * controller. {@link #stopBroker()} and {@link #startBroker()} take the broker away and bring it
 * back on the same port, for outage tests.
 *
 * <p>Blocking: every method blocks the calling test thread (never call from a Reactor thread).
 */
public final class EmbeddedKafka implements AutoCloseable {

	private final KafkaClusterTestKit cluster;

	private EmbeddedKafka(KafkaClusterTestKit cluster) {
		this.cluster = cluster;
	}

	/** Formats and starts a cluster with its logs under {@code dir}; returns when the broker is ready. */
	public static EmbeddedKafka start(Path dir) throws Exception {
		TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false).setNumBrokerNodes(1)
				.setNumControllerNodes(1).setBaseDirectory(dir).build();
		KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
				.setConfigProp("offsets.topic.replication.factor", "1")
				.setConfigProp("offsets.topic.num.partitions", "4")
				.setConfigProp("transaction.state.log.replication.factor", "1")
				.setConfigProp("group.initial.rebalance.delay.ms", "0")
				.setConfigProp("num.network.threads", "2")
				.setConfigProp("num.io.threads", "2")
				.setConfigProp("log.flush.interval.messages", Long.toString(Long.MAX_VALUE))
				.build();
		try {
			cluster.format();
			cluster.startup();
			cluster.waitForReadyBrokers();
		}
		catch (Exception e) {
			cluster.close();
			throw e;
		}
		return new EmbeddedKafka(cluster);
	}

	public String bootstrapServers() {
		return cluster.bootstrapServers();
	}

	/** Creates {@code topic} with {@code partitions} partitions and waits until it exists. */
	public void createTopic(String topic, int partitions) throws Exception {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
	}

	public Admin admin() {
		Properties p = new Properties();
		p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		return Admin.create(p);
	}

	private BrokerServer broker() {
		Map<Integer, BrokerServer> brokers = cluster.brokers();
		return brokers.values().iterator().next();
	}

	/** Shuts the broker down (the controller stays up); clients see the cluster go away. */
	public void stopBroker() {
		BrokerServer b = broker();
		b.shutdown();
		b.awaitShutdown();
	}

	/** Starts the stopped broker again, on the same port, and waits until it is ready. */
	public void startBroker() throws Exception {
		broker().startup();
		cluster.waitForReadyBrokers();
	}

	@Override
	public void close() throws Exception {
		cluster.close();
	}
}
