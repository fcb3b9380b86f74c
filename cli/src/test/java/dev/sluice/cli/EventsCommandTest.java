package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.events.Category;
import dev.sluice.events.Event;
import dev.sluice.events.EventLevel;
import dev.sluice.events.EventStore;

/** {@code sluice events query} and {@code tail} over an H2 event database the test fills. */
class EventsCommandTest {

	@TempDir
	Path dir;

	EventStore store;
	Path db;

	@BeforeEach
	void fill() {
		db = dir.resolve("sluice-data/events");
		store = EventStore.h2File(db);
		Instant now = Instant.now();
		store.save(List.of(
				Event.builder().time(now.minus(Duration.ofHours(3))).module("app.users").message("Created new user bob")
						.category(Category.AUTH).user("alice").operationId("op-1").attribute("AffectedUser", "bob").build(),
				Event.builder().time(now.minus(Duration.ofMinutes(20))).module("app.sync").message("Providers Sync Delayed")
						.level(EventLevel.WARNING).category(Category.MONITOR).operationId("op-2")
						.attribute("Count", 3L).build(),
				Event.builder().time(now.minus(Duration.ofMinutes(10))).module("app.sync").message("Downloaded the Internet")
						.operationId("op-2").duration(Duration.ofMillis(1500)).build()))
				.block();
	}

	@AfterEach
	void close() {
		store.close().block();
	}

	static String[] run(String... args) {
		PrintStream stdout = System.out;
		PrintStream stderr = System.err;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit;
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
		try {
			exit = SluiceCli.commandLine().execute(args);
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
		}
		return new String[] {String.valueOf(exit), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
	}

	@Test
	void queryPrintsATableNewestFirst() {
		String[] r = run("events", "query", "--db", db.toString());
		assertThat(r[0]).as(r[2]).isEqualTo("0");
		List<String> lines = r[1].lines().toList();
		assertThat(lines.get(0)).contains("TIME (UTC)").contains("DURATION").contains("MESSAGE");
		assertThat(lines.get(1)).contains("Downloaded the Internet").contains("1.5 s");
		assertThat(lines.get(2)).contains("warning").contains("monitor").contains("Count=3");
		assertThat(lines.get(3)).contains("auth").contains("alice").contains("AffectedUser=bob");
		assertThat(lines.get(4)).isEqualTo("3 events");
	}

	@Test
	void queryFiltersAndPrintsJsonLines() {
		String[] r = run("events", "query", "--db", db.toString(), "--since", "1h", "--level", "warning", "--format", "json");
		assertThat(r[0]).as(r[2]).isEqualTo("0");
		assertThat(r[1].lines().toList()).singleElement().satisfies(l -> assertThat(l)
				.startsWith("{\"Id\":\"").contains("\"Level\":\"warning\"").contains("\"Count\":3")
				.contains("\"Message\":\"Providers Sync Delayed\"").endsWith("}"));

		assertThat(run("events", "query", "--db", db.toString(), "--attr", "AffectedUser=bob", "--format", "json")[1])
				.contains("Created new user bob").doesNotContain("Providers");
		assertThat(run("events", "query", "--db", db.toString(), "--attr", "Count=3", "--category", "monitor")[1])
				.contains("Providers Sync Delayed").contains("1 event");
		assertThat(run("events", "query", "--db", db.toString(), "--user", "alice", "--format", "json")[1].lines())
				.hasSize(1);
	}

	@Test
	void anOperationComesInTimeOrder() {
		String[] r = run("events", "query", "--db", db.toString(), "--operation", "op-2");
		List<String> lines = r[1].lines().toList();
		assertThat(lines.get(1)).contains("Providers Sync Delayed");
		assertThat(lines.get(2)).contains("Downloaded the Internet").contains("1.5 s");
	}

	@Test
	void badOptionsAreClearErrors() {
		String[] r = run("events", "query", "--db", db.toString(), "--category", "security");
		assertThat(r[0]).isEqualTo("2");
		assertThat(r[2]).contains("security").contains("monitor, command, config, settings, auth, system, notice");
		r = run("events", "query", "--db", db.toString(), "--since", "yesterday");
		assertThat(r[2]).contains("--since 'yesterday'");
		r = run("events", "query", "--db", dir.resolve("nothing-here").toString());
		assertThat(r[0]).isEqualTo("2");
		assertThat(r[2]).contains("no event database");
	}

	@Test
	void tailFollowsNewEvents() throws Exception {
		String[][] result = new String[1][];
		Thread tail = new Thread(() -> result[0] = run("events", "tail", "--db", db.toString(), "--interval", "20ms",
				"--count", "2", "--format", "json"));
		tail.start();
		AtomicInteger n = new AtomicInteger();
		// tail starts after the newest event at its start: keep storing until it has seen two
		while (tail.isAlive() && n.get() < 10_000) {
			store.save(List.of(Event.builder().time(Instant.now()).module("app.tail").message("new " + n.incrementAndGet())
					.build())).block();
			tail.join(50);
		}
		tail.join(60_000); // bounded: a tail that never emits must fail the test, not hang the build
		assertThat(tail.isAlive()).as("the tail saw two of %s events within a minute", n.get()).isFalse();
		assertThat(result[0][0]).as(result[0][2]).isEqualTo("0");
		assertThat(result[0][1].lines().toList()).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"Message\":\"new "));
	}
}
