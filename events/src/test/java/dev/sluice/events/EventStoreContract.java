package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.r2dbc.spi.Connection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The store's contract, run against every database (H2 file, PostgreSQL). Queries are
 * subscribed from Reactor's parallel threads, so BlockHound proves the store keeps them clean.
 */
abstract class EventStoreContract {

	static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

	EventStore store;

	/** A fresh, empty store. */
	abstract EventStore newStore() throws Exception;

	/** Whether the store keeps attribute keys in their table (H2; PostgreSQL indexes the JSON instead). */
	boolean keepsAttributeKeyRows() {
		return true;
	}

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
		assertThat(messages(EventQuery.builder().attribute("ItemId", 7.0).build())).containsExactly("c error monitor");
		assertThat(messages(EventQuery.builder().attribute("ItemId", "7").build())).as("text is not a number").isEmpty();
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
			all.add(Event.builder().time(T0.plus(Duration.ofDays(day))).module("m").message("day " + day)
					.attribute("Day", (long) day).build());
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

		// the retired events' attribute keys went with them: the five left and the system event's two
		assertThat(keyRows()).isEqualTo(keepsAttributeKeyRows() ? 5 + 2 : 0);
		assertThat(query(EventQuery.builder().attribute("Day", 4L).build())).isEmpty();
		assertThat(messages(EventQuery.builder().attribute("Day", 5L).build())).containsExactly("day 5");

		// nothing more to retire: no event
		assertThat(store.retire(Retention.of(7, 0), now).blockOptional()).isEmpty();
	}

	/** The rows of the attribute-key table. */
	long keyRows() {
		Connection c = store.connections().unpooledConnection().block(T);
		try {
			return Flux.from(c.createStatement("SELECT COUNT(*) FROM " + EventSchema.ATTRIBUTE_KEYS).execute())
					.flatMap(r -> r.map((row, meta) -> ((Number) row.get(0)).longValue())).blockLast(T);
		}
		finally {
			close(c);
		}
	}

	@Test
	void aStoreMadeWithAForeignKeyFromAttributeKeysToEventsLosesItWhenOpened() {
		// the tables as stores made them before (the key table's rows referenced their event's Id)
		List<String> withReference = new ArrayList<>();
		for (String ddl : EventSchema.ddl(false)) {
			withReference.add(ddl.replace("event_id UUID NOT NULL, ",
					"event_id UUID NOT NULL REFERENCES " + EventSchema.EVENTS + " (id) ON DELETE CASCADE, "));
		}
		assertThat(withReference).isNotEqualTo(EventSchema.ddl(false));
		Connection raw = store.connections().connectionBeforeSchema().block(T);
		try {
			Flux.fromIterable(withReference).concatMap(sql -> Flux.from(raw.createStatement(sql).execute())
					.flatMap(io.r2dbc.spi.Result::getRowsUpdated)).blockLast(T);
			assertThat(foreignKeys(raw)).hasSize(1);
		}
		finally {
			close(raw);
		}

		store.save(List.of(event(0, "older").attribute("OrderId", 7L).build(),
				event(1, "newer").attribute("OrderId", 8L).build())).block(T);
		assertThat(store.retire(Retention.of(0, 1), T0.plus(Duration.ofDays(1))).block(T)).isNotNull();

		Connection c = store.connections().unpooledConnection().block(T);
		try {
			assertThat(foreignKeys(c)).isEmpty();
		}
		finally {
			close(c);
		}
		assertThat(messages(EventQuery.builder().attribute("OrderId", 8L).build())).containsExactly("newer");
		assertThat(query(EventQuery.builder().attribute("OrderId", 7L).build())).isEmpty();
		assertThat(keyRows()).isEqualTo(keepsAttributeKeyRows() ? 1 + 2 : 0);
	}

	private static List<String> foreignKeys(Connection c) {
		return Flux.from(c.createStatement(EventSchema.KEY_REFERENCES).execute())
				.flatMap(r -> r.map((row, meta) -> row.get(0, String.class))).collectList().block(T);
	}

	static final Duration T = Duration.ofSeconds(30);
	static final Duration POLL = Duration.ofSeconds(1);
	static final Duration LATE = Duration.ofSeconds(10);

	/** The tail from the store's current end, polled on {@code time} only when the test moves it. */
	StepVerifier.FirstStep<String> tailFromNow(VirtualTimeScheduler time) {
		long start = store.lastSeq().block(T);
		return StepVerifier.create(store.tailAfter(start, POLL, LATE, time).map(Event::message));
	}

	@Test
	void tailFollowsEventsStoredAfterItsStartInStorageOrder() {
		store.save(List.of(event(0, "before").build())).block(T);
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		try {
			tailFromNow(time)
					.then(() -> store.save(List.of(event(1, "after 1").build(), event(0, "after 2").build())).block(T))
					.then(() -> time.advanceTimeBy(POLL))
					.expectNext("after 1", "after 2")
					.then(() -> store.save(List.of(event(2, "after 3").build())).block(T))
					.then(() -> time.advanceTimeBy(POLL))
					.expectNext("after 3")
					.thenCancel()
					.verify(T);
		}
		finally {
			time.dispose();
		}
	}

	/** Inserts {@code e} in a transaction of its own that stays open; the caller commits or rolls back. */
	Connection holdUncommitted(Event e) {
		Connection c = store.connections().unpooledConnection().block(T);
		Mono.from(c.beginTransaction()).then(EventWrites.insert(c, List.of(e))).block(T);
		return c;
	}

	@Test
	void tailEmitsAnEventWhoseTransactionCommitsAfterALaterNumberedOne() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		Connection slow = null;
		try {
			StepVerifier.FirstStep<String> tail = tailFromNow(time);
			slow = holdUncommitted(event(1, "late").build()); // takes the next number, not yet visible
			store.save(List.of(event(2, "early").build())).block(T);
			Connection held = slow;
			tail.then(() -> time.advanceTimeBy(POLL))
					.expectNext("early")
					.then(() -> Mono.from(held.commitTransaction()).block(T))
					.then(() -> time.advanceTimeBy(POLL))
					.expectNext("late") // a cursor moved past "early" would never show it
					.then(() -> store.save(List.of(event(3, "next").build())).block(T))
					.then(() -> time.advanceTimeBy(POLL))
					.expectNext("next") // and "early" is not emitted twice
					.thenCancel()
					.verify(T);
		}
		finally {
			close(slow);
			time.dispose();
		}
	}

	@Test
	void tailGivesUpANumberThatNeverCommitsAfterTheLateCommitWindow() {
		VirtualTimeScheduler time = VirtualTimeScheduler.create();
		Connection slow = null;
		try {
			StepVerifier.FirstStep<String> tail = tailFromNow(time);
			slow = holdUncommitted(event(1, "rolled back").build());
			Mono.from(slow.rollbackTransaction()).block(T); // its number is used up for good
			store.save(List.of(event(2, "kept").build())).block(T);
			tail.then(() -> time.advanceTimeBy(POLL))
					.expectNext("kept")
					.then(() -> time.advanceTimeBy(LATE)) // the gap is given up: the cursor moves past "kept"
					.then(() -> store.save(List.of(event(3, "later").build())).block(T))
					.then(() -> time.advanceTimeBy(POLL))
					.expectNext("later")
					.thenCancel()
					.verify(T);
		}
		finally {
			close(slow);
			time.dispose();
		}
	}

	static void close(Connection c) {
		if (c != null) {
			Mono.from(c.close()).block(T);
		}
	}

	@Test
	void aStoreOfSchemaVersion1IsMigratedWhenOpenedAndLosesNothing() {
		// more events than one page of the copy, so that the copy goes on across pages
		List<Event> old = new ArrayList<>();
		for (int i = 0; i < 1_203; i++) {
			Event.Builder b = event(i % 60, "old " + i).id(SchemaV1.id(i)).user("user-" + (i % 7))
					.operationId("op-" + (i / 3)).attribute("OrderId", (long) i).attribute("Region", "eu-west-" + (i % 3));
			if (i == 5) {
				b.attribute("Ratio", 0.25).attribute("Whole", 2.0).attribute("Active", true)
						.attribute("ExpiresAt", Instant.parse("2027-01-02T03:04:05.000000006Z"));
			}
			old.add(b.build());
		}
		// a page per event: 1,203 pages, a loop that must not nest one more call per page (H2 answers on
		// the calling thread: nested, a million events overflowed the stack)
		store.connections().migrationPage = 1;
		Connection raw = store.connections().connectionBeforeSchema().block(T);
		try {
			SchemaV1.fill(raw, old).block(Duration.ofMinutes(2));
		}
		finally {
			close(raw);
		}

		assertThat(store.count().block(Duration.ofMinutes(2))).isEqualTo(old.size());
		List<Event> five = query(EventQuery.builder().attribute("OrderId", 5L).build());
		assertThat(five).containsExactly(old.get(5)); // every column and attribute, types kept
		assertThat(messages(EventQuery.builder().attribute("Whole", 2L).build())).containsExactly("old 5");
		assertThat(query(EventQuery.builder().attribute("Region", "eu-west-1").limit(1000).build())).hasSize(401);
		// insertion order survives (the tail follows it)
		List<Event> tailed = store.tailAfter(0, Duration.ofMillis(10), Duration.ZERO, Schedulers.parallel())
				.take(old.size()).collectList().block(T);
		assertThat(tailed).isEqualTo(old);
		// new events go on after the old ones; the old tables are gone
		store.save(List.of(event(0, "new").attribute("OrderId", 5L).build())).block(T);
		assertThat(messages(EventQuery.builder().attribute("OrderId", 5L).build())).containsExactlyInAnyOrder("new", "old 5");
		Connection c = store.connections().unpooledConnection().block(T);
		try {
			List<String> tables = Flux.from(c.createStatement("SELECT LOWER(table_name) FROM information_schema.tables"
					+ " WHERE LOWER(table_name) LIKE 'sluice%'").execute())
					.flatMap(r -> r.map((row, meta) -> row.get(0, String.class))).collectList().block(T);
			assertThat(tables).containsExactlyInAnyOrder("sluice_events", "sluice_event_attribute_keys");
		}
		finally {
			close(c);
		}
	}

	@Test
	void aLargeBatchKeepsEveryCharacterAndAttribute() {
		// a batch large enough for PostgreSQL's COPY path, with every character COPY's text format escapes
		List<Event> batch = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Event.Builder b = event(i, "line one\nline\ttwo \\N back\\slash\r end " + i).user(i % 2 == 0 ? null : "u\t" + i)
					.detail(i == 3 ? "trace\n\tat x" : null).duration(i == 4 ? Duration.ofMillis(7) : null)
					.primary(i == 5).attribute("Text", "a\tb\nc\\d \\N Zoë ✓").attribute("N", (long) i)
					.attribute("NaN", Double.NaN).attribute("Long", "x".repeat(300 + i));
			batch.add(b.build());
		}
		store.save(batch).block(T);
		List<Event> back = query(EventQuery.builder().limit(100).build());
		assertThat(back).containsExactlyInAnyOrderElementsOf(batch);
		assertThat(query(EventQuery.builder().attribute("Long", "x".repeat(310)).build())).containsExactly(batch.get(10));
		assertThat(query(EventQuery.builder().attribute("Text", "a\tb\nc\\d \\N Zoë ✓").limit(100).build())).hasSize(50);
	}

	@Test
	void aBatchWithAnIdStoredAlreadyErrorsWholeAndStoresNothing() {
		Event a = event(0, "a").build();
		store.save(List.of(a)).block(T);
		Event c = event(1, "c").attribute("OrderId", 7).build();
		StepVerifier.create(store.save(List.of(c, a))).expectError().verify(T);
		assertThat(messages(EventQuery.all())).containsExactly("a");
		assertThat(query(EventQuery.builder().attribute("OrderId", 7).build())).isEmpty();
		// the store goes on after the failed batch
		store.save(List.of(c)).block(T);
		assertThat(messages(EventQuery.all())).containsExactly("c", "a");
	}

	@Test
	void saveNewSkipsEventsWhoseIdIsStoredAlready() {
		Event a = event(0, "a").build();
		Event b = event(1, "b").build();
		assertThat(store.saveNew(List.of(a)).block(T)).isZero();
		assertThat(store.saveNew(List.of(b, a)).block(T)).isEqualTo(1);
		assertThat(messages(EventQuery.all())).containsExactly("b", "a");
	}

	@Test
	void theStoreHoldsAtMostItsPoolSizeOfConnectionsAndClosesThem() throws Exception {
		int size = store.poolSize();
		Sinks.Empty<Void> release = Sinks.empty();
		List<Mono<Integer>> holders = new ArrayList<>();
		for (int i = 0; i <= size; i++) {
			int n = i;
			holders.add(store.withConnection(c -> release.asMono().thenReturn(n)));
		}
		reactor.core.publisher.Flux<Integer> all = reactor.core.publisher.Flux.merge(holders).cache();
		reactor.core.Disposable running = all.subscribe();
		try {
			long deadline = System.nanoTime() + T.toNanos();
			while (store.connections().poolMetrics().acquiredSize() + store.connections().poolMetrics().pendingAcquireSize() < size + 1) {
				assertThat(System.nanoTime()).as("connections acquired or waited for").isLessThan(deadline);
				Thread.sleep(5);
			}
			assertThat(store.connections().poolMetrics().acquiredSize()).isEqualTo(size);
			assertThat(store.connections().poolMetrics().pendingAcquireSize()).isEqualTo(1);
			assertThat(store.connections().poolMetrics().allocatedSize()).isEqualTo(size);
			release.tryEmitEmpty();
			assertThat(all.collectList().block(T)).hasSize(size + 1);
		}
		finally {
			running.dispose();
		}
		store.close().block(T);
		assertThat(store.connections().closed()).isTrue();
		assertThat(store.connections().poolMetrics().allocatedSize()).isZero();
		StepVerifier.create(store.count()).expectError().verify(T);
	}
}
