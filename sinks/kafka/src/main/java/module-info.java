/** Kafka: records as JSON objects, one per message, for {@code sluice ship --from kafka} to forward. */
module dev.sluice.sinks.kafka {
	requires dev.sluice.pipeline;
	requires com.fasterxml.jackson.core;
	requires kafka.clients;

	exports dev.sluice.sinks.kafka;

	provides dev.sluice.pipeline.sink.SinkProvider with dev.sluice.sinks.kafka.KafkaSinkProvider;
}
