package dev.sluice.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

import dev.sluice.benchmarks.stacks.Workload;
import dev.sluice.config.ConfigLoader;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.Sluice;

/**
 * Records/s through the Kafka sink ({@code sluice.kafka}, configured by name as users do, its
 * defaults: zstd, acks=all, idempotent producer) to a real single-node KRaft broker started in
 * {@code @Setup} with Kafka's {@code KafkaClusterTestKit}, as the sink's tests do.
 *
 * <p>One shot: one thread logs {@code records} records, then the pipeline is shut down, which
 * waits until the producer has called back for every record; so the measured time runs from the
 * first call to the broker's last acknowledgement. Records/s is {@code records / time}. Each shot
 * is checked, and fails, unless the sink counted every record delivered (acknowledged) with none
 * dropped and the topic's end offsets grew by exactly {@code records}: what is counted is what
 * the broker holds, not calls. Every shot writes to a new topic of 3 partitions.
 *
 * <p>Broker and client share the machine (and its 2 cores here): the figure is a floor for the
 * sink, not a broker benchmark. Not in the quick suite: starting the broker takes longer than the
 * quick run's budget.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class KafkaSinkBenchmark {

	@Param({"200000"})
	public int records;

	@Param({"zstd"})
	public String compression;

	private Path dir;
	private KafkaClusterTestKit cluster;
	private Admin admin;
	private int shot;
	private String topic;
	private Sluice sluice;
	private ShutdownReport report;

	@Setup(Level.Trial)
	public void startBroker() throws Exception {
		// The broker and the producer log through SLF4J, bound to Logback here, whose default is
		// DEBUG to the console: their own logging would be measured too.
		if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
			root.setLevel(ch.qos.logback.classic.Level.WARN);
		}
		dir = Files.createTempDirectory("sluice-kafka-bench");
		TestKitNodes nodes = new TestKitNodes.Builder().setCombined(false).setNumBrokerNodes(1)
				.setNumControllerNodes(1).setBaseDirectory(dir).build();
		cluster = new KafkaClusterTestKit.Builder(nodes)
				.setConfigProp("offsets.topic.replication.factor", "1")
				.setConfigProp("transaction.state.log.replication.factor", "1")
				.setConfigProp("num.network.threads", "2")
				.setConfigProp("num.io.threads", "2")
				.build();
		cluster.format();
		cluster.startup();
		cluster.waitForReadyBrokers();
		Properties p = new Properties();
		p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
		admin = Admin.create(p);
	}

	@Setup(Level.Iteration)
	public void open() throws Exception {
		topic = "bench-" + shot++;
		admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
		Path config = dir.resolve(topic + ".json");
		Files.writeString(config, "{\"version\": 1, \"handlers\": {\"kafka\": {\"class\": \"kafka\","
				+ " \"bootstrap_servers\": \"" + cluster.bootstrapServers() + "\", \"topic\": \"" + topic + "\","
				+ " \"compression\": \"" + compression + "\", \"buffer_size\": 65536, \"overflow\": \"block\","
				+ " \"block_timeout\": \"60s\"}}, \"root\": {\"level\": \"INFO\", \"handlers\": [\"kafka\"]}}");
		ConfigLoader loader = ConfigLoader.defaults();
		// an ingress that holds the whole shot: the caller never waits, and no record is dropped there
		sluice = Sluice.builder().shutdownHook(false).ingressCapacity(1 << 18).build();
		sluice.apply(loader.plan(loader.read(config), sluice.environment())).block(Duration.ofSeconds(60));
		report = null;
	}

	@Benchmark
	public ShutdownReport logUntilAcknowledged() {
		Logger log = sluice.logger(Workload.LOGGER);
		for (int i = 0; i < records; i++) {
			log.info(Workload.TEMPLATE, Workload.ARG1, i);
		}
		report = sluice.shutdown(Duration.ofSeconds(300)).block(Duration.ofSeconds(330));
		return report;
	}

	@TearDown(Level.Iteration)
	public void check() throws Exception {
		if (report == null) {
			throw new IllegalStateException("the shot did not finish");
		}
		SinkReport sink = report.sink("kafka");
		long inTopic = endOffsets();
		if (sink.delivered() != records || sink.dropped() != 0 || inTopic != records) {
			throw new IllegalStateException("shot on " + topic + ": " + records + " logged, sink " + sink
					+ ", the topic holds " + inTopic + "; ingress dropped " + report.ingressDropped());
		}
	}

	private long endOffsets() throws Exception {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int p = 0; p < 3; p++) {
			latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
		}
		long sum = 0;
		for (ListOffsetsResult.ListOffsetsResultInfo i : admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS)
				.values()) {
			sum += i.offset();
		}
		return sum;
	}

	@TearDown(Level.Trial)
	public void stopBroker() throws Exception {
		try {
			admin.close(Duration.ofSeconds(10));
			cluster.close();
		}
		finally {
			deleteTree(dir);
		}
	}

	private static void deleteTree(Path root) {
		dev.sluice.testkit.Directories.deleteTree(root); // the test kit's close() may have deleted its base directory
	}
}
