package dev.sluice.spring;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.testkit.RecordingSink;

/**
 * {@code class: test.Recording} in a dictConfig file: a {@link RecordingSink} the test reads by
 * handler name.
 */
public final class RecordingSinkProvider implements SinkProvider {

	private static final Map<String, RecordingSink> SINKS = new ConcurrentHashMap<>();

	@Override
	public Set<String> classNames() {
		return Set.of("test.Recording");
	}

	@Override
	public RecordingSink create(SinkSpec spec) {
		spec.options().validate();
		return SINKS.computeIfAbsent(spec.handlerName(), n -> new RecordingSink());
	}

	static List<LogRecord> records(String handler) {
		RecordingSink s = SINKS.get(handler);
		return s == null ? List.of() : s.records();
	}
}
