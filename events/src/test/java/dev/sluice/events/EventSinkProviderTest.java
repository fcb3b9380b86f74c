package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Handler class {@code sluice.events}: found by ServiceLoader, options checked, records stored, retention on schedule. */
class EventSinkProviderTest {

	@TempDir
	Path dir;

	final MutableClock clock = new MutableClock(Instant.parse("2026-05-04T12:00:00Z"));

	SinkEnvironment env() {
		return new SinkEnvironment(clock, StatusLogger.stderr(), dir, new SimpleMeterRegistry());
	}

	SinkSpec spec(Map<String, ?> options) {
		return new SinkSpec("events", "sluice.events", new SinkOptions("/handlers/events", options), Layout.BASIC, env());
	}

	static SinkProvider provider() {
		for (SinkProvider p : ServiceLoader.load(SinkProvider.class)) {
			if (p.classNames().contains("sluice.events")) {
				return p;
			}
		}
		throw new AssertionError("no provider for sluice.events");
	}

	@Test
	void theProviderIsFoundByBothNames() {
		assertThat(provider().classNames()).contains("sluice.events", "events");
	}

	@Test
	void itsSinksLingerAfterAWriteSoThatEventsComingOneByOneAreStoredTogether() {
		// a handler that names no linger gets this one (config's HandlerReader); one transaction per
		// request's events would cost the store most of its time at a service's pace
		assertThat(provider().defaultLinger()).isEqualTo(Duration.ofMillis(200));
		assertThat(provider().defaultLinger()).isLessThanOrEqualTo(dev.sluice.pipeline.BufferSpec.MAX_LINGER);
	}

	@Test
	void badOptionsAreAllListed() {
		assertThatThrownBy(() -> provider().create(spec(Map.of("url", "jdbc:h2:file:x", "retention_days", -1,
				"max_evnets", 5))))
				.isInstanceOf(InvalidConfigException.class)
				.hasMessageContaining("/handlers/events/url").hasMessageContaining("R2DBC URL")
				.hasMessageContaining("retention_days")
				.hasMessageContaining("max_evnets");
	}

	@Test
	void poolSizeAndDedupeWindowAreChecked() {
		assertThatThrownBy(() -> provider().create(spec(Map.of("pool_size", 0, "dedup_window", -1))))
				.isInstanceOf(InvalidConfigException.class)
				.hasMessageContaining("/handlers/events/pool_size").hasMessageContaining("must be 1 to 64, was 0")
				.hasMessageContaining("/handlers/events/dedup_window");
		EventSink sink = (EventSink) provider().create(spec(Map.of("pool_size", 2, "dedup_window", 5)));
		try {
			assertThat(sink.store().poolSize()).isEqualTo(2);
			assertThat(sink.recent().capacity()).isEqualTo(5);
		}
		finally {
			sink.close().block(Duration.ofSeconds(30));
		}
	}

	@Test
	void theEmbeddedStoreCanBeGivenAPathButNotTogetherWithAUrl() {
		assertThatThrownBy(() -> provider().create(spec(Map.of("path", "x", "url", "r2dbc:h2:mem:///x"))))
				.isInstanceOf(InvalidConfigException.class)
				.hasMessageContaining("/handlers/events/path").hasMessageContaining("either url or path");
		EventSink sink = (EventSink) provider().create(spec(Map.of("path", "out/demo-events")));
		try {
			sink.store().save(List.of(Event.builder().time(clock.instant()).module("m").message("here").build()))
					.block(Duration.ofSeconds(30));
			assertThat(Files.exists(dir.resolve("out/demo-events.mv.db"))).isTrue();
			assertThat(Files.exists(dir.resolve("sluice-data/events.mv.db"))).isFalse();
		}
		finally {
			sink.close().block(Duration.ofSeconds(30));
		}
	}

	@Test
	void thePasswordIsNeverInAnError() {
		assertThatThrownBy(() -> provider().create(spec(Map.of("url", "r2dbc:nosuchdb://ops:hunter2@db/events"))))
				.hasMessageNotContaining("hunter2");
	}

	@Test
	void theDefaultStoreIsTheEmbeddedFileUnderTheBaseDirectoryAndOnlyEventRecordsAreStored() {
		EventSink sink = (EventSink) provider().create(spec(Map.of()));
		try {
			LogRecord event = LogRecord.builder(Level.WARNING, Events.LOGGER_NAME, "disk {} full")
					.arguments("/var").time(clock.instant())
					.attributes(Attributes.of(EventKeys.MARKER, true, EventKeys.MODULE, "ops.disk")
							.with("Category", "monitor").with("Mount", "/var"))
					.build();
			LogRecord plain = LogRecord.builder(Level.INFO, "ops.disk", "not an event").build();
			Batch batch = new Batch(List.of(event, plain));
			sink.write(batch).block(Duration.ofSeconds(30));
			// the plain record is not stored, so it must not count as delivered
			assertThat(batch.droppedByReason()).isEqualTo(Map.of(EventSink.NOT_AN_EVENT, 1));
			List<Event> stored = sink.store().query(EventQuery.all()).collectList().block();
			assertThat(stored).hasSize(1);
			Event e = stored.get(0);
			assertThat(e.message()).isEqualTo("disk /var full");
			assertThat(e.level()).isEqualTo(EventLevel.WARNING);
			assertThat(e.category()).isEqualTo(Category.MONITOR);
			assertThat(e.module()).isEqualTo("ops.disk");
			assertThat(e.attributes()).containsEntry("Mount", "/var");
			assertThat(Files.exists(dir.resolve("sluice-data/events.mv.db"))).isTrue();
		}
		finally {
			sink.close().block();
		}
	}

	@Test
	void retentionRunsOnItsIntervalAndLogsASystemEvent() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		EventStore store = EventStore.embedded(dir);
		List<Event> old = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			old.add(Event.builder().time(clock.instant().minus(Duration.ofDays(40 + i))).module("m").message("old " + i)
					.build());
		}
		old.add(Event.builder().time(clock.instant()).module("m").message("new").build());
		store.save(old).block();
		EventSink sink = new EventSink(store, Retention.of(30, 0).withInterval(Duration.ofHours(1)), env(), time);
		try {
			time.advanceTimeBy(Duration.ofMinutes(59));
			assertThat(store.count().block()).isEqualTo(4);
			time.advanceTimeBy(Duration.ofMinutes(1));
			// the job runs its store work on boundedElastic: wait for its system event, without a time assertion
			List<Event> system = List.of();
			for (int i = 0; i < 60_000 && system.isEmpty(); i++) {
				system = store.query(EventQuery.builder().module("sluice.events.retention").build()).collectList().block();
			}
			assertThat(system).hasSize(1);
			assertThat(system.get(0).message()).contains("retired 3 events").contains("3 older than 30 days");
			assertThat(store.query(EventQuery.builder().module("m").build()).map(Event::message).collectList().block())
					.containsExactly("new");
		}
		finally {
			sink.close().block();
			time.dispose();
		}
	}
}
