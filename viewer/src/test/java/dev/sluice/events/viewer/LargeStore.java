package dev.sluice.events.viewer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import dev.sluice.events.Category;
import dev.sluice.events.Event;
import dev.sluice.events.EventLevel;
import dev.sluice.events.EventStore;
import dev.sluice.events.Priority;
import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import reactor.core.publisher.Flux;

/**
 * A real H2 file store with {@value #EVENTS} events over {@value #OPERATIONS} operations, filled
 * once per test JVM through the store's own {@code save} in batches, and read through
 * {@link CountingConnections} so that tests can see what every query read. Each operation has a
 * Primary event and four more; the Primary event and the first of the others share their time to
 * the nanosecond, so that paging must break ties by id. Users, levels and categories vary by
 * operation number, so that filters have known answers ({@link #expected}).
 */
final class LargeStore {

	static final int OPERATIONS = 20_000;
	static final int PER_OPERATION = 5;
	static final int EVENTS = OPERATIONS * PER_OPERATION;
	static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace"};
	private static final int BATCH = 2_000;

	/** What a test needs to know of a stored event to compute expected pages independently. */
	record Row(long nanos, String id, String user, String level, boolean primary, String operationId) {

		String cursor() {
			return nanos + ":" + id;
		}
	}

	/** Newest first: by time, then id (as text), both descending, as the API promises. */
	static final Comparator<Row> NEWEST_FIRST = Comparator.comparingLong(Row::nanos).thenComparing(Row::id).reversed();

	private static LargeStore shared;

	final Path dir;
	final CountingConnections connections;
	final EventStore store;
	final List<Row> rows;
	final Instant newest;

	private LargeStore(Path dir, CountingConnections connections, EventStore store, List<Row> rows, Instant newest) {
		this.dir = dir;
		this.connections = connections;
		this.store = store;
		this.rows = rows;
		this.newest = newest;
	}

	/** The store, made and filled on first use (about {@value #EVENTS} inserts), kept for the JVM's life. */
	static synchronized LargeStore shared() {
		if (shared == null) {
			shared = fill();
		}
		return shared;
	}

	private static LargeStore fill() {
		Path dir;
		try {
			dir = Files.createTempDirectory("sluice-viewer-100k");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		CountingConnections connections = new CountingConnections(new H2ConnectionFactory(
				H2ConnectionConfiguration.builder().file(dir.resolve("events").toAbsolutePath().toString()).build()));
		EventStore store = EventStore.of(connections.factory());
		// the newest operation starts a minute ago, the oldest about 14 minutes before it
		Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60).minusMillis(OPERATIONS * 40L);
		List<Event> events = new ArrayList<>(EVENTS);
		for (int i = 0; i < OPERATIONS; i++) {
			events.addAll(operation(i, t0.plusMillis(i * 40L)));
		}
		long began = System.nanoTime();
		Flux.fromIterable(events).buffer(BATCH).concatMap(store::save).blockLast(Duration.ofMinutes(3));
		System.out.println("LargeStore: " + EVENTS + " events saved in " + (System.nanoTime() - began) / 1_000_000 + " ms");
		List<Row> rows = new ArrayList<>(EVENTS);
		for (Event e : events) {
			rows.add(new Row(e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano(), e.id().toString(), e.user(),
					e.level().label(), e.primary(), e.operationId()));
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "large-store-cleanup"));
		return new LargeStore(dir, connections, store, List.copyOf(rows), t0.plusMillis((OPERATIONS - 1) * 40L + 30));
	}

	/** The events of operation {@code i}, which starts at {@code start}. */
	static List<Event> operation(int i, Instant start) {
		String op = "op-" + i;
		String user = USERS[i % USERS.length];
		EventLevel last = i % 13 == 0 ? EventLevel.ERROR : i % 11 == 0 ? EventLevel.WARNING : EventLevel.INFO;
		List<Event> out = new ArrayList<>(PER_OPERATION);
		Event.Builder primary = Event.builder().time(start).module("jibe.provider.sync").message("Sync of provider " + i)
				.operationId(op).user(user).entryPoint("timer provider-sync")
				.category(i % 3 == 0 ? Category.AUTH : Category.MONITOR).priority(i % 5 == 0 ? Priority.HIGH : Priority.LOW)
				.level(last).primary(true);
		if (i % 10 == 0) {
			// custom attributes on some (each is a row of its own, and inserts are what make filling slow)
			primary.attribute("ItemId", (long) i);
		}
		out.add(primary.build());
		out.add(Event.builder().time(start).module("jibe.provider.sync").message("Began sync " + i).operationId(op)
				.user(user).primary(false).build());
		out.add(Event.builder().time(start.plusMillis(10)).module("jibe.provider.fetch").message("Downloaded the Internet")
				.operationId(op).user(user).duration(Duration.ofMillis(9)).primary(false).build());
		out.add(Event.builder().time(start.plusMillis(20)).module("jibe.provider.store").message("Stored items of " + i)
				.operationId(op).user(user).duration(Duration.ofMillis(8)).primary(false).build());
		Event.Builder end = Event.builder().time(start.plusMillis(30)).module("jibe.provider.sync").operationId(op).user(user)
				.level(last).primary(false).duration(Duration.ofMillis(30));
		if (last == EventLevel.ERROR) {
			end.message("Sync " + i + " failed").detail("java.lang.IllegalStateException: provider " + i
					+ " went away\n\tat dev.sluice.Example.sync(Example.java:42)");
		}
		else {
			end.message("Sync " + i + " succeeded");
		}
		out.add(end.build());
		return out;
	}

	/** The stored events that match {@code filter}, newest first. */
	List<Row> expected(Predicate<Row> filter) {
		return rows.stream().filter(filter).sorted(NEWEST_FIRST).toList();
	}

	private static void delete(Path dir) {
		try {
			dev.sluice.testkit.Directories.deleteTree(dir);
		}
		catch (java.io.UncheckedIOException e) {
			// a temporary directory: the system cleans it eventually
		}
	}
}
