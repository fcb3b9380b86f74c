package dev.sluice.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * What waits in Kafka per partition for a {@link KafkaShipper} (gauge {@code sluice.ship.kafka.lag}).
 * Updated on the consumer's thread, read from any.
 */
final class PartitionLag {

	private final KafkaConsumer<byte[], byte[]> consumer;
	private final MeterRegistry meters;
	private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();
	/** When the broker may be asked again for the end of partitions whose lag is unknown; consumer thread only. */
	private Long lagProbeAfter;

	PartitionLag(KafkaConsumer<byte[], byte[]> consumer, MeterRegistry meters) {
		this.consumer = consumer;
		this.meters = meters;
	}

	/** Reads the lag of {@code partitions}; consumer thread only. */
	void update(Set<TopicPartition> partitions) {
		List<TopicPartition> unknown = null;
		for (TopicPartition tp : partitions) {
			OptionalLong l = consumer.currentLag(tp);
			if (l.isPresent()) {
				setLag(tp, l.getAsLong());
			}
			else {
				unknown = unknown == null ? new ArrayList<>() : unknown;
				unknown.add(tp);
			}
		}
		long now = System.nanoTime();
		if (unknown != null && (lagProbeAfter == null || now - lagProbeAfter >= 0)) {
			// A partition whose first fetch was not read yet (paused behind a slow sink at once)
			// has no lag in the consumer: ask the broker for its end, at most once a second.
			lagProbeAfter = now + TimeUnit.SECONDS.toNanos(1);
			try {
				Map<TopicPartition, Long> ends = consumer.endOffsets(unknown, Duration.ofMillis(500));
				for (TopicPartition tp : unknown) {
					Long end = ends.get(tp);
					if (end != null) {
						setLag(tp, Math.max(0, end - consumer.position(tp, Duration.ofMillis(500))));
					}
				}
			}
			catch (KafkaException e) {
				// a timeout or a wake-up by stop(): the next poll tries again
			}
		}
	}

	private void setLag(TopicPartition tp, long value) {
		if (lag.put(tp, value) == null) {
			Gauge.builder("sluice.ship.kafka.lag", lag, m -> m.getOrDefault(tp, 0L))
					.tag("topic", tp.topic()).tag("partition", Integer.toString(tp.partition()))
					.register(meters);
		}
	}

	Map<TopicPartition, Long> snapshot() {
		return Map.copyOf(lag);
	}

	/** Lag by partition number, in order (for the summary line). */
	Map<Integer, Long> byPartition() {
		Map<Integer, Long> m = new TreeMap<>();
		lag.forEach((tp, v) -> m.put(tp.partition(), v));
		return m;
	}
}
