package dev.sluice.sinks.delivery;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.StatusLogger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Records, entries, an environment with a captured status log and a fixed clock. */
final class EngineFixture {

	static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	final ByteArrayOutputStream statusBytes = new ByteArrayOutputStream();
	final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	final SinkEnvironment env = new SinkEnvironment(Clock.fixed(NOW, ZoneOffset.UTC),
			StatusLogger.to(new PrintStream(statusBytes, true, StandardCharsets.UTF_8)), Path.of("."), meters);

	String status() {
		return statusBytes.toString(StandardCharsets.UTF_8);
	}

	double counter(String name, String... tags) {
		var c = meters.find(name).tags(tags).counter();
		return c == null ? 0 : c.count();
	}

	double gauge(String name) {
		var g = meters.find(name).gauge();
		return g == null ? Double.NaN : g.value();
	}

	static LogRecord record(int i, Instant time) {
		return LogRecord.builder(Level.INFO, "test", "message " + i).time(time).build();
	}

	/** A batch of {@code n} records logged a minute before {@link #NOW}. */
	static Batch batch(int n) {
		List<LogRecord> records = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			records.add(record(i, NOW.minusSeconds(60)));
		}
		return new Batch(records);
	}

	/** One entry per record, its value the message, 10 bytes each. */
	static List<Entry<String>> entries(Batch batch) {
		List<Entry<String>> out = new ArrayList<>();
		for (LogRecord r : batch.records()) {
			out.add(Entry.of(r, r.message(), 10));
		}
		return out;
	}
}
