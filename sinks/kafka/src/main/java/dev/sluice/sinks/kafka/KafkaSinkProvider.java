package dev.sluice.sinks.kafka;

import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.clients.producer.Producer;

import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;

/**
 * Makes Kafka sinks for the handler classes {@code sluice.kafka} and {@code kafka}; options: see
 * {@link KafkaSettings}. Every option is checked before anything is made, so a bad one fails
 * with every problem listed and no value of {@code properties} shown; whether the cluster answers
 * is reported on the status logger as soon as the sink has asked it (see {@link KafkaSink}).
 */
public final class KafkaSinkProvider implements SinkProvider {

	private static final Set<String> NAMES = Set.of("sluice.kafka", "kafka");

	@Override
	public Set<String> classNames() {
		return NAMES;
	}

	@Override
	public Sink create(SinkSpec spec) {
		return create(spec, KafkaSink::kafkaProducer);
	}

	static Sink create(SinkSpec spec, Function<Properties, Producer<byte[], byte[]>> factory) {
		SinkOptions o = spec.options();
		KafkaSettings settings = KafkaSettings.read(spec.handlerName(), o);
		o.validate();
		return new KafkaSink(spec.handlerName(), settings, spec.environment().status(),
				spec.environment().meterRegistry(), factory);
	}
}
