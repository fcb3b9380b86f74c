package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.events.Event;
import dev.sluice.events.EventStore;

class EventsServeCommandTest {

	@Tag("fault-injection")
	@Test
	void refusesToServeBeyondLoopbackWithoutAToken(@TempDir Path dir) {
		EventStore store = EventStore.h2File(dir.resolve("events"));
		store.save(List.of(Event.builder().time(java.time.Instant.now()).module("m").message("x").build()))
				.block(Duration.ofSeconds(30));
		store.close().block(Duration.ofSeconds(10));
		PrintStream err = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
		int exit;
		try {
			exit = SluiceCli.commandLine().execute("events", "serve", "--db", dir.resolve("events").toString(),
					"--bind", "0.0.0.0", "--port", "0");
		}
		finally {
			System.setErr(err);
		}
		assertThat(exit).isEqualTo(2);
		assertThat(captured.toString(StandardCharsets.UTF_8)).contains("without a token").contains("--token-file");
	}
}
