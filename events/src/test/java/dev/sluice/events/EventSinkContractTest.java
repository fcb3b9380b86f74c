package dev.sluice.events;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.context.Attributes;
import dev.sluice.context.LogContext;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.testkit.SinkContract;
import reactor.util.context.Context;

/** The events sink keeps the sink contract: every event record is a row of the embedded H2 store, or counted. */
class EventSinkContractTest extends SinkContract {

	private static final Attributes EVENT = Attributes.of(EventKeys.MARKER, Boolean.TRUE);

	@TempDir
	Path dir;

	private EventStore store;

	@AfterEach
	void closeStore() {
		if (store != null) {
			store.close().block(Duration.ofSeconds(30));
		}
	}

	@Override
	protected Sink newSink(SinkEnvironment environment) {
		store = EventStore.h2File(dir.resolve("events"));
		return new EventSink(store, Retention.NONE, environment);
	}

	@Override
	protected LogRecord record(int n) {
		return LogRecord.builder(Level.INFO, "contract", "contract record " + n)
				.time(Instant.parse("2026-11-23T12:00:00Z").plusMillis(n)).thread("contract", 1).attributes(EVENT).build();
	}

	@Override
	protected void log(Logger logger, int n) {
		logger.atLevel(Level.INFO).context(Context.of(LogContext.KEY, EVENT)).log("contract record {}", n);
	}

	/** Read through a store of its own: closing the sink closes the store it wrote through. */
	@Override
	protected long stored() {
		EventStore reader = EventStore.h2File(dir.resolve("events"));
		try {
			return reader.count().block(Duration.ofSeconds(30));
		}
		finally {
			reader.close().block(Duration.ofSeconds(30));
		}
	}

	@Override
	protected void breakDestination() {
		store.close().block(Duration.ofSeconds(30));
	}
}
