package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The store's contract, run against every database (H2 file, PostgreSQL). Queries are
 * subscribed from Reactor's parallel threads, so BlockHound proves the store keeps them clean.
 */
abstract class EventStoreContract {

	static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

	EventStore store;

	/** A fresh, empty store. */
	abstract EventStore newStore() throws Exception;

	@BeforeEach
	void open() throws Exception {
		store = newStore();
	}

	@AfterEach
	void closeStore() {
		store.close().block();
	}

	static Event.Builder event(int minute, String message) {
		return Event.builder().time(T0.plus(Duration.ofMinutes(minute))).module("test.module").message(message);
	}

	List<Event> query(EventQuery q) {
		return store.query(q).subscribeOn(Schedulers.parallel()).collectList().block();
	}

	List<String> messages(EventQuery q) {
		List<String> out = new ArrayList<>();
		for (Event e : query(q)) {
			out.add(e.message());
		}
		return out;
	}

	@Test
	void everyAttributeTypeSurvivesARoundTrip() {
		Event e = event(0, "Created new user bob").level(EventLevel.WARNING).priority(Priority.HIGH)
				.category(Category.AUTH).detail("java.lang.IllegalStateException: boom\n\tat x.y(Z.java:1)")
				.entryPoint("POST /users").user("alice").operationId("op-1").activityId("act-1").primary(false)
				.duration(Duration.ofNanos(1_500_000_123L)).comments("asked by ops")
				.attribute("AffectedUser", "bob")
				.attribute("Count", 42L)
				.attribute("Ratio", 0.25)
				.attribute("Active", true)
				.attribute("Disabled", false)
				.attribute("ExpiresAt", Instant.parse("2027-01-02T03:04:05.000000006Z"))
				.attribute("Unicode", "Zoë ✓")
				.build();
		store.save(List.of(e)).block();

		List<Event> back = query(EventQuery.all());
		assertThat(back).hasSize(1);
		Event b = back.get(0);
		assertThat(b).isEqualTo(e);
		assertThat(b.attributes()).containsExactly(
				org.assertj.core.api.Assertions.entry("AffectedUser", "bob"),
				org.assertj.core.api.Assertions.entry("Count", 42L),
				org.assertj.core.api.Assertions.entry("Ratio", 0.25),
				org.assertj.core.api.Assertions.entry("Active", true),
				org.assertj.core.api.Assertions.entry("Disabled", false),
				org.assertj.core.api.Assertions.entry("ExpiresAt", Instant.parse("2027-01-02T03:04:05.000000006Z")),
				org.assertj.core.api.Assertions.entry("Unicode", "Zoë ✓"));
		assertThat(b.time()).isEqualTo(T0);
	}

	@Test
	void queriesFilterByEachAttribute() {
		store.save(List.of(
				event(0, "a info system").user("alice").operationId("op-1").build(),
				event(1, "b warning auth").level(EventLevel.WARNING).category(Category.AUTH).user("bob")
						.operationId("op-1").primary(false).attribute("ItemId", "i-1").build(),
				event(2, "c error monitor").level(EventLevel.ERROR).category(Category.MONITOR).priority(Priority.HIGH)
						.module("other.module").operationId("op-2").attribute("ItemId", 7L).build(),
				event(3, "d info NOTICE 100%").category(Category.NOTICE).priority(Priority.MEDIUM).user("alice")
						.attribute("Flag", true).attribute("Ratio", 7.0).build()))
				.block();

		assertThat(messages(EventQuery.all())).containsExactly("d info NOTICE 100%", "c error monitor", "b warning auth",
				"a info system");
		assertThat(messages(EventQuery.builder().since(T0.plus(Duration.ofMinutes(1)))
				.until(T0.plus(Duration.ofMinutes(3))).build())).containsExactly("c error monitor", "b warning auth");
		assertThat(messages(EventQuery.builder().level(EventLevel.WARNING).build())).containsExactly("b warning auth");
		assertThat(messages(EventQuery.builder().minLevel(EventLevel.WARNING).build())).containsExactly("c error monitor",
				"b warning auth");
		assertThat(messages(EventQuery.builder().category(Category.AUTH).build())).containsExactly("b warning auth");
		assertThat(messages(EventQuery.builder().priority(Priority.HIGH).build())).containsExactly("c error monitor");
		assertThat(messages(EventQuery.builder().user("alice").build())).containsExactly("d info NOTICE 100%",
				"a info system");
		assertThat(messages(EventQuery.builder().module("other.module").build())).containsExactly("c error monitor");
		assertThat(messages(EventQuery.builder().operationId("op-1").build())).containsExactly("b warning auth",
				"a info system");
		assertThat(messages(EventQuery.builder().primary(false).build())).containsExactly("b warning auth");
		assertThat(messages(EventQuery.builder().text("notice").build())).containsExactly("d info NOTICE 100%");
		assertThat(messages(EventQuery.builder().text("100%").build())).containsExactly("d info NOTICE 100%");
		assertThat(messages(EventQuery.builder().text("_").build())).isEmpty();
		assertThat(messages(EventQuery.builder().attribute("ItemId", "i-1").build())).containsExactly("b warning auth");
		assertThat(messages(EventQuery.builder().attribute("ItemId", 7).build())).containsExactly("c error monitor");
		assertThat(messages(EventQuery.builder().attribute("Ratio", 7).build())).containsExactly("d info NOTICE 100%");
		assertThat(messages(EventQuery.builder().attribute("Flag", true).build())).containsExactly("d info NOTICE 100%");
		assertThat(messages(EventQuery.builder().attribute("Flag", false).build())).isEmpty();
		assertThat(messages(EventQuery.builder().attribute("User", "bob").build())).containsExactly("b warning auth");
		assertThat(messages(EventQuery.builder().user("alice").category(Category.SYSTEM).build()))
				.containsExactly("a info system");
	}

	@Test
	void pagesFollowTheCursorNewestFirst() {
		List<Event> all = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			all.add(event(i / 2, "e" + i).build()); // pairs share a time: the id breaks the tie
		}
		store.save(all).block();
		List<String> seen = new ArrayList<>();
		String cursor = null;
		while (true) {
			List<Event> page = query(EventQuery.builder().limit(3).before(cursor).build());
			if (page.isEmpty()) {
				break;
			}
			page.forEach(e -> seen.add(e.message()));
			cursor = page.get(page.size() - 1).cursor();
		}
		assertThat(seen).hasSize(7).doesNotHaveDuplicates();
		List<Event> newestFirst = query(EventQuery.builder().limit(7).build());
		for (int i = 1; i < newestFirst.size(); i++) {
			Event prev = newestFirst.get(i - 1);
			Event cur = newestFirst.get(i);
			assertThat(prev.time()).isAfterOrEqualTo(cur.time());
		}
		assertThat(seen).containsExactlyElementsOf(newestFirst.stream().map(Event::message).toList());
	}

	@Test
	void anOperationComesBackInTimeOrderWithDurations() {
		store.save(List.of(
				event(5, "Downloaded the entire Internet").operationId("op-9").duration(Duration.ofSeconds(90)).build(),
				event(1, "Started").operationId("op-9").build(),
				event(3, "other").operationId("op-8").build()))
				.block();
		StepVerifier.create(store.operation("op-9").subscribeOn(Schedulers.parallel()))
				.assertNext(e -> assertThat(e.message()).isEqualTo("Started"))
				.assertNext(e -> assertThat(e.duration()).isEqualTo(Duration.ofSeconds(90)))
				.verifyComplete();
	}

	@Test
	void latestPrimaryFindsTheMostRecentPrimaryEventWithTheValue() {
		store.save(List.of(
				event(1, "old").operationId("op-1").user("alice").attribute("MyCustomId", "x-1").build(),
				event(2, "newer").operationId("op-2").user("bob").attribute("MyCustomId", "x-1").build(),
				event(3, "not primary").operationId("op-3").primary(false).attribute("MyCustomId", "x-1").build()))
				.block();
		Event found = store.latestPrimary("MyCustomId", "x-1").subscribeOn(Schedulers.parallel()).block();
		assertThat(found.operationId()).isEqualTo("op-2");
		assertThat(store.latestPrimary("MyCustomId", "x-2").blockOptional()).isEmpty();
	}

	@Test
	void retentionRetiresByAgeAndCountAndSaysSoInASystemEvent() {
		List<Event> all = new ArrayList<>();
		for (int day = 0; day < 10; day++) {
			all.add(Event.builder().time(T0.plus(Duration.ofDays(day))).module("m").message("day " + day).build());
		}
		store.save(all).block();
		Instant now = T0.plus(Duration.ofDays(10));

		Event system = store.retire(Retention.of(7, 5), now).block();

		// 7 days before day 10 is day 3: days 0-2 go by age; of days 3-9 the oldest two go by count
		assertThat(system).isNotNull();
		assertThat(system.category()).isEqualTo(Category.SYSTEM);
		assertThat(system.module()).isEqualTo("sluice.events.retention");
		assertThat(system.message()).contains("retired 5 events").contains("3 older than 7 days")
				.contains("2 beyond max_events 5");
		assertThat(system.attributes()).containsEntry("RetiredByAge", 3L).containsEntry("RetiredByCount", 2L);
		List<String> left = messages(EventQuery.builder().module("m").build());
		assertThat(left).containsExactly("day 9", "day 8", "day 7", "day 6", "day 5");
		assertThat(messages(EventQuery.builder().module("sluice.events.retention").build())).hasSize(1);
		assertThat(store.count().block()).isEqualTo(6);

		// nothing more to retire: no event
		assertThat(store.retire(Retention.of(7, 0), now).blockOptional()).isEmpty();
	}

	@Test
	void tailFollowsEventsStoredAfterSubscription() {
		store.save(List.of(event(0, "before").build())).block();
		// The tail starts after the newest event stored when its first query runs, which may be
		// after this thread's next save on a loaded machine: keep storing pairs until two arrive.
		java.util.concurrent.atomic.AtomicInteger pairs = new java.util.concurrent.atomic.AtomicInteger();
		reactor.core.Disposable writer = reactor.core.publisher.Flux.interval(Duration.ofMillis(100))
				.concatMap(i -> store.save(List.of(event(1, "after " + (2 * i + 1)).build(),
						event(2, "after " + (2 * i + 2)).build())).doOnSuccess(v -> pairs.incrementAndGet()))
				.subscribe();
		try {
			StepVerifier.create(store.tail(Duration.ofMillis(100)).take(2).map(Event::message).collectList())
					.assertNext(m -> {
						assertThat(m).allMatch(x -> x.matches("after \\d+"));
						int first = Integer.parseInt(m.get(0).substring(6));
						assertThat(m.get(1)).isEqualTo("after " + (first + 1)); // in storage order, none skipped
					})
					.expectComplete()
					.verify(Duration.ofSeconds(60));
		}
		finally {
			writer.dispose();
		}
	}
}
