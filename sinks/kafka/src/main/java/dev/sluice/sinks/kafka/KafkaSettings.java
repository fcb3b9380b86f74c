package dev.sluice.sinks.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.options.SinkOptions;

/**
 * The validated options of one Kafka handler. Immutable.
 *
 * <ul>
 * <li>{@code bootstrap_servers} (required): {@code host:port[,host:port...]}, checked for shape here;
 * whether the cluster answers is reported when the sink starts.</li>
 * <li>{@code topic} (required).</li>
 * <li>{@code key}: {@code logger} (default), {@code operation} (the OperationId attribute),
 * {@code none} (round robin), or the name of any context attribute.</li>
 * <li>{@code compression}: {@code zstd} (default), {@code lz4}, {@code gzip}, {@code none}.</li>
 * <li>{@code acks}: {@code all} (default), {@code 1}, {@code 0}; {@code all} is what the idempotent
 * producer needs, so another value turns idempotence off.</li>
 * <li>{@code linger_ms} (default 5), {@code batch_size} (bytes, default 65536),
 * {@code client_id} (default {@code sluice-<handler>}), {@code max_block_ms} (how long a send may
 * wait for metadata or buffer space on the sink's thread, default 5000),
 * {@code delivery_timeout_ms} (how long a record may wait for the cluster before it is counted
 * as dropped, default 120000).</li>
 * <li>{@code properties}: any other producer setting, passed through as is (SASL, TLS...). Values
 * are never printed; use {@code ${env:}} or {@code ${file:}} for secrets.</li>
 * </ul>
 */
final class KafkaSettings {

	private final String bootstrapServers;
	private final String topic;
	private final RecordKey key;
	private final Map<String, Object> producerConfig;
	private final Duration maxBlock;
	private final Duration deliveryTimeout;

	private KafkaSettings(String bootstrapServers, String topic, RecordKey key, Map<String, Object> producerConfig,
			Duration maxBlock, Duration deliveryTimeout) {
		this.deliveryTimeout = deliveryTimeout;
		this.bootstrapServers = bootstrapServers;
		this.topic = topic;
		this.key = key;
		this.producerConfig = producerConfig;
		this.maxBlock = maxBlock;
	}

	/** Reads every option, recording problems in {@code o}; the caller validates {@code o}. */
	static KafkaSettings read(String handlerName, SinkOptions o) {
		String servers = o.requiredString("bootstrap_servers");
		if (servers != null) {
			for (String problem : addressProblems(servers)) {
				o.problem("bootstrap_servers", problem);
			}
		}
		String topic = o.requiredString("topic");
		if (topic != null && !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
			o.problem("topic", "expected a Kafka topic name (letters, digits, '.', '_', '-'; at most 249), found '"
					+ topic + "'");
		}
		RecordKey key = RecordKey.parse(o.string("key", "logger"));
		String compression = o.choice("compression", "zstd", "zstd", "lz4", "gzip", "snappy", "none");
		String acks = o.choice("acks", "all", "all", "1", "0", "-1");
		int lingerMs = o.integer("linger_ms", 5);
		int batchSize = o.integer("batch_size", 65_536);
		String clientId = o.string("client_id", "sluice-" + handlerName);
		int maxBlockMs = o.integer("max_block_ms", 5_000);
		int deliveryTimeoutMs = o.integer("delivery_timeout_ms", 120_000);
		Map<String, Object> extra = o.map("properties");
		if (lingerMs < 0) {
			o.problem("linger_ms", "expected 0 or more, found " + lingerMs);
		}
		if (batchSize < 0) {
			o.problem("batch_size", "expected 0 or more, found " + batchSize);
		}
		if (maxBlockMs < 0) {
			o.problem("max_block_ms", "expected 0 or more, found " + maxBlockMs);
		}
		long requestTimeoutMs = requestTimeout(extra);
		if (deliveryTimeoutMs < lingerMs + requestTimeoutMs) {
			o.problem("delivery_timeout_ms", "expected at least linger_ms + request.timeout.ms (" + (lingerMs
					+ requestTimeoutMs) + "), found " + deliveryTimeoutMs);
		}
		Map<String, Object> config = new LinkedHashMap<>();
		for (Map.Entry<String, Object> e : extra.entrySet()) {
			Object v = e.getValue();
			if (v instanceof Map || v instanceof List) {
				o.problem("properties/" + e.getKey(), "expected a string, number or boolean");
				continue;
			}
			config.put(e.getKey(), v instanceof Secret ? ((Secret) v).reveal() : v == null ? null : v.toString());
		}
		boolean idempotent = "all".equals(acks) || "-1".equals(acks);
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
		config.put(ProducerConfig.ACKS_CONFIG, acks);
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(idempotent));
		config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
		config.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(batchSize));
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(maxBlockMs));
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(deliveryTimeoutMs));
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		return new KafkaSettings(servers, topic, key, Map.copyOf(withoutNulls(config)), Duration.ofMillis(maxBlockMs),
				Duration.ofMillis(deliveryTimeoutMs));
	}

	private static long requestTimeout(Map<String, Object> extra) {
		Object v = extra.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
		try {
			return v == null ? 30_000 : Long.parseLong(v.toString().trim());
		}
		catch (NumberFormatException e) {
			return 30_000; // Kafka reports the bad value itself when the producer is made
		}
	}

	/** The shape problems of a {@code bootstrap_servers} value; empty when it looks right. */
	static List<String> addressProblems(String servers) {
		List<String> problems = new ArrayList<>();
		if (servers.isBlank()) {
			problems.add("expected host:port[,host:port...], found an empty string");
			return problems;
		}
		for (String part : servers.split(",")) {
			String s = part.trim();
			int colon = s.lastIndexOf(':');
			if (colon <= 0 || colon == s.length() - 1) {
				problems.add("expected host:port, found '" + s + "'");
				continue;
			}
			try {
				int port = Integer.parseInt(s.substring(colon + 1));
				if (port < 1 || port > 65_535) {
					problems.add("port out of range 1..65535 in '" + s + "'");
				}
			}
			catch (NumberFormatException e) {
				problems.add("port is not a number in '" + s + "'");
			}
		}
		return problems;
	}

	private static Map<String, Object> withoutNulls(Map<String, Object> config) {
		config.values().removeIf(v -> v == null);
		return config;
	}

	String bootstrapServers() {
		return bootstrapServers;
	}

	String topic() {
		return topic;
	}

	RecordKey key() {
		return key;
	}

	Duration maxBlock() {
		return maxBlock;
	}

	Duration deliveryTimeout() {
		return deliveryTimeout;
	}

	/** The producer's configuration (contains secrets from {@code properties}: never print it). */
	Properties producerProperties() {
		Properties p = new Properties();
		p.putAll(producerConfig);
		return p;
	}

	@Override
	public String toString() {
		return "KafkaSettings{bootstrap_servers=" + bootstrapServers + ", topic=" + topic + ", key=" + key + "}";
	}
}
