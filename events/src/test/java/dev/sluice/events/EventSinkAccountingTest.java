package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.StatusLogger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.scheduler.Schedulers;

/**
 * What the events sink counts: only stored events are delivered; records that are not events and
 * records whose id was stored already are counted as dropped with reasons of their own.
 */
class EventSinkAccountingTest {

	static final Duration T = Duration.ofSeconds(30);

	@TempDir
	Path dir;

	final MutableClock clock = new MutableClock(EventsHarness.START);

	SinkEnvironment env() {
		return new SinkEnvironment(clock, StatusLogger.stderr(), dir, new SimpleMeterRegistry());
	}

	static LogRecord event(String message, String id) {
		Attributes a = Attributes.of(EventKeys.MARKER, true);
		if (id != null) {
			a = a.with(EventKeys.RECORD_ID, id);
		}
		return LogRecord.builder(Level.INFO, Events.LOGGER_NAME, message).attributes(a).build();
	}

	@Test
	void recordsThatAreNotEventsAreNeverCountedAsDelivered() {
		EventStore store = EventStore.embedded(dir);
		Sluice sluice = Sluice.builder().shutdownHook(false).clock(clock).build();
		try {
			// the events handler also on the root logger: it receives the ordinary records as well
			sluice.apply(RoutingPlan.builder()
					.root(LoggerSpec.of(Level.INFO, "events"))
					.handler(Events.handler("events", store, Retention.NONE, sluice))
					.logger(Events.LOGGER_NAME, Events.loggerSpec("events"))
					.build()).block(T);
			EventLogger events = Events.logger(sluice, "app.orders");
			events.info("Created order {}", 1);
			events.warn("Order {} is late", 2);
			sluice.logger("app.plain").info("an ordinary record");
			sluice.logger("app.plain").debug("below the level: never routed");
			sluice.flush().block(T);

			SinkReport r = sluice.reports().get("events");
			// the event logger's two records on the app logger reached root too, plus the plain one
			assertThat(r.received()).isEqualTo(5);
			assertThat(r.delivered()).isEqualTo(2);
			assertThat(r.droppedByReason()).isEqualTo(Map.of(EventSink.NOT_AN_EVENT, 3L));
			assertThat(store.count().block(T)).isEqualTo(2);
		}
		finally {
			sluice.shutdown(T).block(T);
		}
	}

	@Test
	void aRecordWhoseIdWasStoredIsSkippedAndCountedAsDuplicate() {
		EventStore store = EventStore.embedded(dir);
		EventSink sink = new EventSink(store, Retention.NONE, env(), Schedulers.boundedElastic(), 100);
		String a = UUID.randomUUID().toString();
		String b = UUID.randomUUID().toString();
		String c = UUID.randomUUID().toString();
		try {
			Batch first = new Batch(List.of(event("a", a), event("b", b), event("a again", a), event("no id", null)));
			sink.write(first).block(T);
			assertThat(first.droppedByReason()).isEqualTo(Map.of(EventSink.DUPLICATE, 1));

			Batch second = new Batch(List.of(event("b again", b), event("c", c), event("no id", null)));
			sink.write(second).block(T);
			assertThat(second.droppedByReason()).isEqualTo(Map.of(EventSink.DUPLICATE, 1));

			// a UUID record id is the event's Id
			assertThat(store.query(EventQuery.builder().text("a").build()).map(e -> e.id().toString()).collectList()
					.block(T)).containsExactly(a);
			assertThat(store.count().block(T)).isEqualTo(5);
		}
		finally {
			sink.close().block(T);
		}

		// a new sink (nothing remembered, window 0) still finds the Id in the store: a restart is no hole
		EventStore reopened = EventStore.embedded(dir);
		EventSink restarted = new EventSink(reopened, Retention.NONE, env(), Schedulers.boundedElastic(), 0);
		try {
			Batch again = new Batch(List.of(event("a redelivered", a), event("d", UUID.randomUUID().toString())));
			restarted.write(again).block(T);
			assertThat(again.droppedByReason()).isEqualTo(Map.of(EventSink.DUPLICATE, 1));
			assertThat(reopened.count().block(T)).isEqualTo(6);
		}
		finally {
			restarted.close().block(T);
		}
	}

	@Test
	void anIdThatIsNotAUuidIsKeptAsAnAttributeAndDeDuplicatedWithinTheWindow() {
		EventStore store = EventStore.embedded(dir);
		EventSink sink = new EventSink(store, Retention.NONE, env(), Schedulers.boundedElastic(), 2);
		try {
			sink.write(new Batch(List.of(event("order 7", "order-7")))).block(T);
			Batch again = new Batch(List.of(event("order 7 again", "order-7")));
			sink.write(again).block(T);
			assertThat(again.droppedByReason()).isEqualTo(Map.of(EventSink.DUPLICATE, 1));
			List<Event> stored = store.query(EventQuery.all()).collectList().block(T);
			assertThat(stored).hasSize(1);
			assertThat(stored.get(0).attributes()).containsEntry(EventKeys.RECORD_ID, "order-7");

			// the window is bounded: two newer ids push order-7 out, and then it is stored again
			sink.write(new Batch(List.of(event("x", "x-1"), event("y", "y-1")))).block(T);
			assertThat(sink.recent().size()).isEqualTo(2);
			Batch late = new Batch(List.of(event("order 7 much later", "order-7")));
			sink.write(late).block(T);
			assertThat(late.droppedCount()).isZero();
			assertThat(store.count().block(T)).isEqualTo(4);
		}
		finally {
			sink.close().block(T);
		}
	}
}
