package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.events.Category;
import dev.sluice.events.Event;
import dev.sluice.events.EventLevel;
import dev.sluice.events.EventQuery;
import dev.sluice.events.EventStore;

class DemoCommandTest {

	static final Duration T = Duration.ofSeconds(30);

	/** Runs the command line with stdout and stderr captured; returns {exit code, output}. */
	static Object[] run(String... args) {
		PrintStream stdout = System.out;
		PrintStream stderr = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		int exit;
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
		try {
			exit = SluiceCli.commandLine().execute(args);
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
		}
		return new Object[] {exit, captured.toString(StandardCharsets.UTF_8) + errors.toString(StandardCharsets.UTF_8)};
	}

	@Test
	void demoRunsOnParallelThreadsWithoutBlockingAndReportsEverySinkAndTheEventLog(@TempDir Path dir) {
		Object[] result = run("demo", "--records", "20000", "--data-dir", dir.toString());
		String out = (String) result[1];
		assertThat((int) result[0]).as(out).isZero();
		assertThat(out).contains("Sluice demo: 20,000 records logged")
				.contains("sink console")
				.contains("sink events")
				.contains("caller time per log call: p50")
				.contains("Providers Sync Delayed");
		// only WARNING and above reach the console
		assertThat(out.lines().filter(l -> l.contains(" - INFO - ") || l.contains(" - DEBUG - "))).isEmpty();
		assertThat(out).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} - jibe.provider(.sync)? - parallel-\\d+ - WARNING - ");

		// 2,000 syncs: each an event when the resync is found and one for its outcome; 40 slow steps timed;
		// syncs 13 and 1010 fail
		Path db = dir.resolve("events");
		assertThat(Files.exists(dir.resolve("events.mv.db"))).isTrue();
		assertThat(out).contains("event log: 4,040 events stored in " + db.toAbsolutePath() + ".mv.db (2,000 operations, 2 failed)")
				.contains("sluice events query --db " + db.toAbsolutePath())
				.contains("sluice events serve --db " + db.toAbsolutePath());

		EventStore store = EventStore.h2File(db);
		try {
			assertThat(store.count().block(T)).isEqualTo(4040);
			List<Event> failures = store.query(EventQuery.builder().level(EventLevel.ERROR).build()).collectList().block(T);
			assertThat(failures).hasSize(2).allSatisfy(e -> {
				assertThat(e.message()).startsWith("Failed to sync provider ");
				assertThat(e.detail()).contains("IllegalStateException: PutObject AccessDenied - my-big-bucket/");
				assertThat(e.duration()).isNotNull();
				assertThat(e.module()).isEqualTo("jibe.provider.sync");
			});
			// sync 1010 was alice's resync request: every event of its operation carries her and the entry point
			Event byAlice = failures.stream().filter(e -> "alice".equals(e.user())).findFirst().orElseThrow();
			List<Event> operation = store.operation(byAlice.operationId()).collectList().block(T);
			assertThat(operation).extracting(Event::message).containsExactly(
					"Provider ReSync Found (Started Completed '2020-07-01 18:22:39 UTC') - " + byAlice.attributes().get("provider"),
					"Failed to sync provider " + byAlice.attributes().get("provider"));
			assertThat(operation).allSatisfy(e -> {
				assertThat(e.user()).isEqualTo("alice");
				assertThat(e.entryPoint()).isEqualTo("POST /api/providers/resync");
			});
			// what was found is monitoring; the sync a user asked for is a command
			assertThat(operation).extracting(Event::category).containsExactly(Category.MONITOR, Category.COMMAND);
			List<Event> slow = store.query(EventQuery.builder().text("Listed bucket").limit(100).build()).collectList().block(T);
			assertThat(slow).hasSize(40).allSatisfy(e -> assertThat(e.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(20)));
			List<Event> all = store.query(EventQuery.builder().limit(EventQuery.MAX_LIMIT).build()).collectList().block(T);
			Set<String> operations = all.stream().map(Event::operationId).collect(Collectors.toSet());
			assertThat(operations).hasSize(2000);
		}
		finally {
			store.close().block(T);
		}

		// the printed command shows them
		Object[] query = run("events", "query", "--db", db.toString(), "--level", "error");
		assertThat((int) query[0]).as((String) query[1]).isZero();
		assertThat((String) query[1]).contains("Failed to sync provider");
	}
}
