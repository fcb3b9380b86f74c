package dev.sluice.sinks.kafka;

import java.nio.charset.StandardCharsets;

import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.LogRecord;

/**
 * Which part of a record becomes its Kafka key, and so its partition: records with one key stay
 * in order. {@code logger}, {@code operation} (the {@code OperationId} attribute), {@code none}
 * (no key: the producer spreads records), or the name of any context attribute. A record without
 * the attribute has no key. Immutable.
 */
final class RecordKey {

	private final String spec;
	private final String attribute;

	private RecordKey(String spec, String attribute) {
		this.spec = spec;
		this.attribute = attribute;
	}

	static RecordKey parse(String spec) {
		switch (spec) {
			case "logger":
				return new RecordKey(spec, null);
			case "none":
				return new RecordKey(spec, null);
			case "operation":
				return new RecordKey(spec, StandardKeys.OPERATION_ID);
			default:
				return new RecordKey(spec, spec);
		}
	}

	/** The key of {@code record} as UTF-8, or null for none. */
	byte[] of(LogRecord record) {
		if (attribute != null) {
			Object v = record.attributes().get(attribute);
			return v == null ? null : v.toString().getBytes(StandardCharsets.UTF_8);
		}
		if ("logger".equals(spec)) {
			return record.loggerName().getBytes(StandardCharsets.UTF_8);
		}
		return null;
	}

	@Override
	public String toString() {
		return spec;
	}
}
