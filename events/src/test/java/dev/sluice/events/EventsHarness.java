package dev.sluice.events;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.testkit.RecordingSink;

/**
 * A running pipeline as a user would set it up: root at TRACE to a recording "normal" handler,
 * logger sluice.events to an events handler over an H2 store; a clock the test moves.
 */
final class EventsHarness implements AutoCloseable {

	static final Instant START = Instant.parse("2026-05-04T12:00:00Z");

	final MutableClock clock = new MutableClock(START);
	final RecordingSink normal = new RecordingSink();
	final EventStore store;
	final Sluice sluice;
	final ByteArrayOutputStream status = new ByteArrayOutputStream();

	EventsHarness(Path dir) {
		this(dir, Level.TRACE);
	}

	EventsHarness(Path dir, Level rootLevel) {
		store = EventStore.embedded(dir);
		sluice = Sluice.builder().shutdownHook(false).clock(clock)
				.status(StatusLogger.to(new PrintStream(status, true, StandardCharsets.UTF_8))).build();
		RoutingPlan plan = RoutingPlan.builder()
				.root(LoggerSpec.of(rootLevel, "normal"))
				.handler(HandlerSpec.ofSink("normal", normal))
				.handler(Events.handler("events", store, Retention.NONE, sluice))
				.logger(Events.LOGGER_NAME, Events.loggerSpec("events"))
				.build();
		sluice.apply(plan).block();
	}

	EventLogger events(String module) {
		return Events.logger(sluice, module).withStore(store);
	}

	/** Waits until the events handler has settled {@code n} records, and checks none was dropped. */
	void awaitEvents(long n) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			SinkReport r = sluice.reports().get("events");
			if (r != null && r.delivered() + r.dropped() >= n) {
				if (r.dropped() > 0) {
					throw new AssertionError("events dropped: " + r + "; status: " + status);
				}
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("only " + r + " of " + n + " events settled; status: " + status);
			}
			Thread.sleep(1);
		}
	}

	/** Waits until the normal handler has {@code n} records. */
	List<LogRecord> awaitNormal(int n) throws InterruptedException {
		if (!normal.awaitCount(n, 60)) {
			throw new AssertionError("only " + normal.size() + " of " + n + " normal records");
		}
		return normal.records();
	}

	/** All stored events, oldest first. */
	List<Event> stored() {
		List<Event> newestFirst = store.query(EventQuery.builder().limit(EventQuery.MAX_LIMIT).build()).collectList()
				.block();
		java.util.Collections.reverse(newestFirst);
		return newestFirst;
	}

	@Override
	public void close() {
		sluice.shutdown(Duration.ofSeconds(30)).block();
	}
}
