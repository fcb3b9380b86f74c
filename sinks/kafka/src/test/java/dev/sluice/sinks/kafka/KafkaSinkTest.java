package dev.sluice.sinks.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.BufferSpec;
import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.OverflowPolicy;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.sinks.kafka.testing.EmbeddedKafkaExtension;

/** The Kafka sink against a real KRaft broker started by the test. */
class KafkaSinkTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@RegisterExtension
	static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

	private final ByteArrayOutputStream statusText = new ByteArrayOutputStream();

	private Sluice pipeline(Map<String, Object> options, BufferSpec buffer) {
		Sluice sluice = Sluice.builder().shutdownHook(false).ingressCapacity(1 << 16)
				.status(StatusLogger.to(new PrintStream(statusText, true, StandardCharsets.UTF_8))).build();
		SinkEnvironment env = sluice.environment();
		SinkSpec spec = new SinkSpec("kafka", "sluice.kafka", new SinkOptions("/handlers/kafka", options),
				Layout.BASIC, env);
		KafkaSinkProvider provider = new KafkaSinkProvider();
		sluice.apply(RoutingPlan.builder().root(LoggerSpec.of(Level.DEBUG, "kafka"))
				.handler(HandlerSpec.of("kafka", () -> provider.create(spec)).withBuffer(buffer)).build())
				.block(Duration.ofSeconds(30));
		return sluice;
	}

	private static Map<String, Object> options(String topic) {
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("bootstrap_servers", kafka.bootstrapServers());
		o.put("topic", topic);
		return o;
	}

	@Test
	void everyRecordReachesTheTopicOnceAsOneJsonObject() throws Exception {
		kafka.createTopic("app-logs", 3);
		Sluice sluice = pipeline(options("app-logs"), BufferSpec.DEFAULT.withCapacity(32_768));
		int n = 20_000;
		for (int i = 0; i < n; i++) {
			sluice.logger("app.orders").info("order {}", i);
		}
		sluice.logger("app.pay").atError().attr("OperationId", "op-7").attr("amount", 12)
				.cause(new IllegalStateException("card declined")).log("payment failed");
		// A record shipped from Kafka and forwarded keeps its id (so sinks further on still recognise it).
		sluice.logger("app.fwd").atInfo().attr(LogRecord.RECORD_ID, "0190-forwarded").log("forwarded");
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(60)).block();
		SinkReport sink = report.sink("kafka");
		assertThat(sink.delivered()).isEqualTo(n + 2);
		assertThat(sink.dropped()).isZero();

		List<JsonNode> records = consumeAll("app-logs", n + 2);
		Set<String> ids = new HashSet<>();
		Set<String> messages = new HashSet<>();
		JsonNode error = null;
		JsonNode forwarded = null;
		for (JsonNode r : records) {
			if (r.get("message").asText().equals("forwarded")) {
				forwarded = r;
			}
			assertThat(r.get("schema").asInt()).isEqualTo(RecordJson.SCHEMA);
			ids.add(r.get("id").asText());
			messages.add(r.get("message").asText());
			if (r.has("error")) {
				error = r;
			}
		}
		assertThat(ids).hasSize(n + 2);
		assertThat(forwarded).isNotNull();
		assertThat(forwarded.get("id").asText()).isEqualTo("0190-forwarded");
		assertThat(forwarded.has("context")).as("the id is not repeated in the context").isFalse();
		assertThat(messages).hasSize(n + 2).contains("order 0", "order 19999", "payment failed");
		assertThat(error).isNotNull();
		assertThat(error.get("logger").asText()).isEqualTo("app.pay");
		assertThat(error.get("level").asText()).isEqualTo("ERROR");
		assertThat(error.get("context").get("OperationId").asText()).isEqualTo("op-7");
		assertThat(error.get("context").get("amount").asInt()).isEqualTo(12);
		assertThat(error.get("error").get("type").asText()).isEqualTo("java.lang.IllegalStateException");
		assertThat(error.get("error").get("message").asText()).isEqualTo("card declined");
		assertThat(error.get("error").get("stack").asText()).contains("card declined").contains("\tat ");
		assertThat(error.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");
	}

	@Test
	void anOutageBuffersRecordsAndDropsOnlyByTheHandlersPolicy() throws Exception {
		kafka.createTopic("outage", 1);
		Sluice sluice = pipeline(options("outage"),
				BufferSpec.DEFAULT.withCapacity(1_000).withPolicy(OverflowPolicy.DROP_NEWEST).withMaxBatch(100));
		for (int i = 0; i < 500; i++) {
			sluice.logger("svc").info("before {}", i);
		}
		// Everything logged so far is delivered before the broker goes away.
		assertThat(consumeAll("outage", 500)).hasSize(500);
		kafka.stopBroker();
		int during = 3_000;
		for (int i = 0; i < during; i++) {
			sluice.logger("svc").info("during {}", i); // never waits on Kafka
		}
		kafka.startBroker();
		for (int i = 0; i < 500; i++) {
			sluice.logger("svc").info("after {}", i);
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(90)).block();
		SinkReport sink = report.sink("kafka");
		assertThat(sink.received()).isEqualTo(500 + during + 500);
		assertThat(sink.delivered() + sink.dropped()).isEqualTo(sink.received());
		// The buffer (1,000) and what is in flight (a batch in the sink, records in hand in the
		// router) cannot hold 3,000 records: the policy drops, counted. The margin of 500 for what
		// is in flight is a bound, not the exact figure, which depends on the pipeline's timing.
		assertThat(sink.droppedByReason()).containsOnlyKeys("buffer_full");
		assertThat(sink.dropped()).isGreaterThanOrEqualTo(during - 1_000 - 500);
		List<JsonNode> records = consumeAll("outage", (int) sink.delivered());
		Set<String> messages = new HashSet<>();
		records.forEach(r -> messages.add(r.get("message").asText()));
		// The idempotent producer writes each delivered record exactly once, even across the outage.
		assertThat(records).hasSize((int) sink.delivered());
		assertThat(messages).hasSize((int) sink.delivered()).contains("before 0", "before 499", "during 0");
	}

	@Test
	void aBadBootstrapServersValueIsRejectedBeforeAnythingStarts() {
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("bootstrap_servers", "localhost");
		o.put("topic", "t");
		o.put("compresion", "lz4");
		o.put("properties", Map.of("ssl.truststore.password", "S3CRET-VALUE", "sasl.jaas.config", List.of("x")));
		SinkSpec spec = new SinkSpec("kafka", "kafka", new SinkOptions("/handlers/kafka", o), Layout.BASIC,
				SinkEnvironment.defaults());
		assertThatThrownBy(() -> new KafkaSinkProvider().create(spec)).isInstanceOf(InvalidConfigException.class)
				.hasMessageContaining("/handlers/kafka/bootstrap_servers")
				.hasMessageContaining("expected host:port, found 'localhost'")
				.hasMessageContaining("did you mean 'compression'")
				.hasMessageContaining("/handlers/kafka/properties/sasl.jaas.config")
				.satisfies(e -> assertThat(e.getMessage()).doesNotContain("S3CRET-VALUE"));
	}

	@Test
	void anUnresolvableHostIsReportedAtStartAndItsRecordsCounted() {
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("bootstrap_servers", "no-such-host.invalid:9092");
		o.put("topic", "t");
		Sluice sluice = pipeline(o, BufferSpec.DEFAULT);
		sluice.logger("svc").info("lost but counted");
		SinkReport sink = sluice.shutdown(Duration.ofSeconds(30)).block().sink("kafka");
		assertThat(sink.droppedByReason()).containsEntry("kafka_unavailable", 1L);
		List<String> lines = sinkLines();
		assertThat(lines).as("one clear line").hasSize(1);
		assertThat(lines.get(0)).startsWith("sluice: ERROR [sink kafka] ")
				.contains("cannot start a Kafka producer for bootstrap_servers 'no-such-host.invalid:9092'")
				.contains("bootstrap");
	}

	@Test
	void anUnreachableClusterNeverBlocksTheCallerAndTimeoutsAreCounted() throws Exception {
		int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort(); // closed again: nothing listens there
		}
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("bootstrap_servers", "127.0.0.1:" + port);
		o.put("topic", "t");
		o.put("max_block_ms", 300);
		o.put("delivery_timeout_ms", 1_500);
		o.put("properties", Map.of("request.timeout.ms", "1000"));
		Sluice sluice = pipeline(o, BufferSpec.DEFAULT.withMaxBatch(50));
		// Logged from a Reactor thread: BlockHound fails the test if anything there waits on Kafka.
		Mono.fromRunnable(() -> {
			for (int i = 0; i < 120; i++) {
				sluice.logger("svc").info("r {}", i);
			}
		}).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(30));
		SinkReport sink = sluice.shutdown(Duration.ofSeconds(30)).block().sink("kafka");
		assertThat(sink.received()).isEqualTo(120);
		assertThat(sink.delivered()).isZero();
		// Each batch waits delivery_timeout_ms at most, then its records are dropped and counted.
		assertThat(sink.droppedByReason()).containsOnlyKeys("kafka_timeout");
		assertThat(sink.dropped()).isEqualTo(120);
		// One clear line naming the handler and the cluster: the start-up probe's or a blocked send's,
		// whichever came first (they run on different threads, in no fixed order).
		List<String> lines = sinkLines();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).startsWith("sluice: ERROR [sink kafka] ").contains("127.0.0.1:" + port)
				.contains("max_block_ms (300 ms)");
		// Every wait of max_block_ms is counted.
		assertThat(sluice.environment().meterRegistry().get("sluice.kafka.send.timeouts").tag("handler", "kafka")
				.counter().count()).isGreaterThanOrEqualTo(1);
	}

	/** The status lines about the sink (not the pipeline's drop summaries, which count separately). */
	private List<String> sinkLines() {
		return statusText.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("[sink kafka]")).toList();
	}

	static List<JsonNode> consumeAll(String topic, int expected) throws Exception {
		Properties p = new Properties();
		p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + topic + "-" + System.nanoTime());
		p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		List<JsonNode> out = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
			c.subscribe(List.of(topic));
			int emptyPolls = 0;
			// Reads until the expected count, then a few more polls to catch any duplicate.
			while (emptyPolls < (out.size() >= expected ? 3 : 200)) {
				var records = c.poll(Duration.ofMillis(250));
				emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
				for (ConsumerRecord<byte[], byte[]> r : records) {
					out.add(JSON.readTree(r.value()));
				}
			}
		}
		return out;
	}
}
