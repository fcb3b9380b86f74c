package dev.sluice.sinks.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.sinks.kafka.testing.EmbeddedKafkaExtension;
import dev.sluice.testkit.SinkContract;

/** The Kafka sink keeps the sink contract against a real KRaft broker: what it counts delivered is in the topic. */
class KafkaSinkContractTest extends SinkContract {

	@RegisterExtension
	static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();

	private static final AtomicInteger TOPICS = new AtomicInteger();

	private String topic;

	@Override
	protected Sink newSink(SinkEnvironment environment) throws Exception {
		topic = "contract-" + TOPICS.incrementAndGet();
		kafka.createTopic(topic, 2);
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("bootstrap_servers", kafka.bootstrapServers());
		o.put("topic", topic);
		SinkSpec spec = new SinkSpec("contract", "sluice.kafka", new SinkOptions("/handlers/contract", o),
				Layout.BASIC, environment);
		return new KafkaSinkProvider().create(spec);
	}

	@Override
	protected long stored() throws Exception {
		try (Admin admin = kafka.admin()) {
			List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
			return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
					.all().get().values().stream().mapToLong(r -> r.offset()).sum();
		}
	}
}
