package dev.sluice.config.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.testkit.RecordingSink;
import reactor.core.publisher.Mono;

/**
 * Test handler class {@code test.Recording} (short {@code recording}): every sink it makes is
 * kept under its {@code id} option, so a test can read what each sink instance got and in what
 * text its layout formatted it. Options: {@code id} (required), {@code tag}, {@code api_key}
 * (a secret), {@code stream}.
 */
public final class RecordingSinkProvider implements SinkProvider {

	private static final Map<String, List<Recorded>> SINKS = new ConcurrentHashMap<>();

	/** One sink made by this provider: the spec it was made from and what it recorded. */
	public static final class Recorded implements Sink {
		public final SinkSpec spec;
		public final Secret apiKey;
		public final String tag;
		public final String stream;
		public final RecordingSink records = new RecordingSink();
		public final List<String> lines = new CopyOnWriteArrayList<>();

		Recorded(SinkSpec spec, Secret apiKey, String tag, String stream) {
			this.spec = spec;
			this.apiKey = apiKey;
			this.tag = tag;
			this.stream = stream;
		}

		@Override
		public Mono<Void> write(Batch batch) {
			for (LogRecord r : batch.records()) {
				lines.add(spec.layout().format(r));
			}
			return records.write(batch);
		}

		@Override
		public Mono<Void> close() {
			return records.close();
		}

		public boolean closed() {
			return records.closed();
		}
	}

	@Override
	public Set<String> classNames() {
		return Set.of("test.Recording", "recording");
	}

	@Override
	public Sink create(SinkSpec spec) {
		SinkOptions o = spec.options();
		String id = o.requiredString("id");
		String tag = o.string("tag", null);
		Secret key = o.secret("api_key");
		String stream = o.choice("stream", null, "ext://sys.stdout", "ext://sys.stderr");
		o.validate();
		Recorded r = new Recorded(spec, key, tag, stream);
		SINKS.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(r);
		return r;
	}

	/** Every sink made with {@code id}, oldest first (probe sinks included). */
	public static List<Recorded> sinks(String id) {
		return new ArrayList<>(SINKS.getOrDefault(id, List.of()));
	}

	/** The newest sink made with {@code id}. */
	public static Recorded last(String id) {
		List<Recorded> l = sinks(id);
		if (l.isEmpty()) {
			throw new AssertionError("no sink with id " + id);
		}
		return l.get(l.size() - 1);
	}

	/** Every record any sink with {@code id} got. */
	public static List<LogRecord> allRecords(String id) {
		List<LogRecord> all = new ArrayList<>();
		for (Recorded r : sinks(id)) {
			all.addAll(r.records.records());
		}
		return all;
	}

	public static void clear(String id) {
		SINKS.remove(id);
	}
}
