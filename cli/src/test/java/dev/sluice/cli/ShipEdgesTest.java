package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice ship} at its edges: every bad line is reported with its number and counted and the
 * run goes on; a missing input is one line and exit 2; SIGTERM drains what was accepted and prints
 * the summary.
 */
class ShipEdgesTest {

	@TempDir
	Path dir;

	private String err;

	private int run(String... args) {
		PrintStream stderr = System.err;
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
		try {
			return SluiceCli.commandLine().execute(args);
		}
		finally {
			System.setErr(stderr);
			err = e.toString(StandardCharsets.UTF_8);
		}
	}

	private Path fileConfig(Path log) throws Exception {
		return Files.writeString(dir.resolve("ship.json"), ("{'version': 1, 'formatters': {'m': {'format': '%(message)s'}},"
				+ " 'handlers': {'file': {'class': 'logging.FileHandler', 'formatter': 'm', 'filename': '"
				+ log.toString().replace("\\", "/") + "'}}, 'root': {'level': 'INFO', 'handlers': ['file']}}").replace('\'', '"'));
	}

	private static String line(int i) {
		return "{\"level\": \"INFO\", \"message\": \"m " + i + "\"}\n";
	}

	@Tag("fault-injection")
	@Test
	void everyBadLineIsNamedAndCountedAndTheRunGoesOn() throws Exception {
		Path log = dir.resolve("out.log");
		ByteArrayOutputStream input = new ByteArrayOutputStream();
		input.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // a BOM before line 1 is a BOM, not a bad line
		for (int i = 1; i <= 100_000; i++) {
			if (i == 50_001) {
				input.write("{\"level\": \"INFO\", \"message\": \"bad \u00e9 ".getBytes(StandardCharsets.UTF_8));
				input.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // not UTF-8
				input.write("\"}\n".getBytes(StandardCharsets.UTF_8));
			}
			else if (i == 50_002) {
				input.write((line(i).trim() + " " + line(i)).getBytes(StandardCharsets.UTF_8)); // two objects on one line
			}
			else if (i == 50_003) {
				input.write("{\"level\": -7, \"message\": \"negative\"}\n".getBytes(StandardCharsets.UTF_8));
			}
			else {
				input.write(line(i).getBytes(StandardCharsets.UTF_8));
			}
		}
		Path in = Files.write(dir.resolve("in.jsonl"), input.toByteArray());
		int exit = run("ship", "--config", fileConfig(log).toString(), "--input", in.toString());
		assertThat(exit).as(err).isEqualTo(1);
		assertThat(err).contains("sluice ship: line 50001: expected UTF-8 text, found bytes that are not UTF-8 (skipped)")
				.contains("sluice ship: line 50002: expected a JSON object, found invalid JSON")
				.contains("sluice ship: line 50003: level: expected a level name or a whole number from 0 to 1000, found -7")
				.contains("sluice ship: read 100,000 line(s), shipped 99,997 record(s), 3 line(s) could not be used")
				.contains("  sink file: read 99,997  delivered 99,997  dropped 0")
				.doesNotContain("line 1:");
		assertThat(Files.readAllLines(log)).hasSize(99_997).startsWith("m 1").endsWith("m 100000");
	}

	@Test
	void aSinksLineAddsUpWhenItsFilterRefusesRecords() throws Exception {
		Path log = dir.resolve("out.log");
		Path config = Files.writeString(dir.resolve("filtered.json"), ("{'version': 1, 'formatters': {'m': {'format': "
				+ "'%(message)s'}}, 'filters': {'app': {'name': 'app'}}, 'handlers': {'file': {'class': 'logging.FileHandler',"
				+ " 'formatter': 'm', 'level': 'INFO', 'filters': ['app'], 'filename': '" + log.toString().replace("\\", "/")
				+ "'}}, 'root': {'level': 'DEBUG', 'handlers': ['file']}}").replace('\'', '"'));
		Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"logger\": \"app.a\", \"level\": \"INFO\", \"message\": \"kept\"}\n"
				+ "{\"logger\": \"other\", \"level\": \"INFO\", \"message\": \"not app\"}\n"
				+ "{\"logger\": \"app.a\", \"level\": \"DEBUG\", \"message\": \"below the handler\"}\n");
		int exit = run("ship", "--config", config.toString(), "--input", in.toString());
		assertThat(exit).as(err).isZero();
		// below the handler's level is not routed to it (as in Python, where Handler.handle never sees it)
		assertThat(err).contains("sluice ship: read 3 line(s), shipped 3 record(s)")
				.contains("  sink file: read 2  delivered 1  dropped 0  filtered 1");
		assertThat(Files.readAllLines(log)).containsExactly("kept");
	}

	@Tag("fault-injection")
	@Test
	void aResumedRunStartsWhereTheSettledRecordsEnd() throws Exception {
		Path log = dir.resolve("resumed.log");
		StringBuilder text = new StringBuilder();
		for (int i = 1; i <= 10_000; i++) {
			text.append(line(i));
		}
		Path in = Files.writeString(dir.resolve("in.jsonl"), text);
		Path position = dir.resolve("ship.position");
		// a crash after line 4,000 was settled: the position file says so
		long offset = 0;
		for (int i = 1; i <= 4_000; i++) {
			offset += line(i).getBytes(StandardCharsets.UTF_8).length;
		}
		Files.writeString(position, offset + " 4000\n");
		int exit = run("ship", "--config", fileConfig(log).toString(), "--input", in.toString(), "--resume",
				position.toString());
		assertThat(exit).as(err).isZero();
		assertThat(err).contains("resuming " + in + " at line 4,001").contains("shipped 6,000 record(s)");
		assertThat(Files.readAllLines(log)).hasSize(6_000).startsWith("m 4001").endsWith("m 10000");
		long size = Files.size(in);
		assertThat(Files.readString(position).trim()).isEqualTo(size + " 10000");
		// a second run has nothing left to ship
		assertThat(run("ship", "--config", fileConfig(log).toString(), "--input", in.toString(), "--resume",
				position.toString())).isZero();
		assertThat(err).contains("shipped 0 record(s)");
		assertThat(run("ship", "--config", fileConfig(log).toString(), "--resume", position.toString())).isEqualTo(2);
		assertThat(err).contains("--resume needs --input");
	}

	@Tag("fault-injection")
	@Test
	void aMissingInputOrADirectoryIsOneLineAndExitTwo() throws Exception {
		Path config = fileConfig(dir.resolve("x.log"));
		assertThat(run("ship", "--config", config.toString(), "--input", dir.resolve("nope.jsonl").toString())).isEqualTo(2);
		assertThat(err.strip()).isEqualTo("sluice ship: --input " + dir.resolve("nope.jsonl") + ": no such file");
		assertThat(run("ship", "--config", config.toString(), "--input", dir.toString())).isEqualTo(2);
		assertThat(err.strip()).isEqualTo("sluice ship: --input " + dir + ": is a directory, not a file");
	}

	@Tag("fault-injection")
	@Test
	void aTerminationSignalDrainsWhatWasAcceptedAndPrintsTheSummary() throws Exception {
		Path log = dir.resolve("signal.log");
		Path config = fileConfig(log);
		Path stderr = dir.resolve("stderr.txt");
		Process ship = CliProcess.start(stderr, "ship", "--config", config.toString());
		int sent = 50_000;
		try (OutputStream stdin = ship.getOutputStream()) {
			StringBuilder sb = new StringBuilder();
			for (int i = 1; i <= sent; i++) {
				sb.append(line(i));
			}
			stdin.write(sb.toString().getBytes(StandardCharsets.UTF_8));
			stdin.flush();
			// stdin stays open: the shipper waits for more input when the signal comes
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while ((!Files.exists(log) || Files.readAllLines(log).size() < sent) && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			ship.toHandle().destroy(); // SIGTERM, leaving stdin open (Process.destroy would close it: an EOF)
			assertThat(ship.waitFor(120, TimeUnit.SECONDS)).as("exits by itself").isTrue();
		}
		finally {
			ship.destroyForcibly();
		}
		String text = Files.readString(stderr);
		assertThat(text).contains("sluice ship: stopping: draining what was accepted")
				.contains("shipped 50,000 record(s)")
				.contains("(stopped by a signal before the end of the input)")
				.contains("  sink file: read 50,000  delivered 50,000  dropped 0");
		assertThat(Files.readAllLines(log)).hasSize(sent);
	}

	@Tag("fault-injection")
	@Test
	void aSinkSlowerThanTheReaderHoldsTheReaderBackAndLosesNothing() throws Exception {
		Path log = dir.resolve("slow.log");
		// a two-record buffer: the file sink is far slower than the reader at every batch it writes; a
		// generous block_timeout so that a loaded machine pausing the sink's thread is not taken for a stall
		Path config = Files.writeString(dir.resolve("slow.json"), ("{'version': 1, 'formatters': {'m': {'format': '%(message)s'}},"
				+ " 'handlers': {'file': {'class': 'logging.FileHandler', 'formatter': 'm', 'buffer_size': 2,"
				+ " 'block_timeout': 60, 'filename': '"
				+ log.toString().replace("\\", "/") + "'}}, 'root': {'level': 'INFO', 'handlers': ['file']}}").replace('\'', '"'));
		StringBuilder text = new StringBuilder();
		for (int i = 1; i <= 200_000; i++) {
			text.append(line(i));
		}
		Path in = Files.writeString(dir.resolve("in.jsonl"), text);
		int exit = run("ship", "--config", config.toString(), "--input", in.toString());
		assertThat(exit).as(err).isZero();
		// sent = delivered + counted, with nothing counted
		assertThat(err).contains("shipped 200,000 record(s)").contains("  sink file: read 200,000  delivered 200,000  dropped 0");
		assertThat(Files.readAllLines(log)).hasSize(200_000).startsWith("m 1").endsWith("m 200000");
	}

	@Tag("fault-injection")
	@Test
	void aRunningShipFollowsItsConfigFile() throws Exception {
		Path log = dir.resolve("follow.log");
		Path config = fileConfig(log);
		Path stderr = dir.resolve("follow-stderr.txt");
		Process ship = CliProcess.start(stderr, "ship", "--config", config.toString());
		int sent = 0;
		try (OutputStream stdin = ship.getOutputStream()) {
			for (int i = 1; i <= 1_000; i++) {
				stdin.write(line(++sent).getBytes(StandardCharsets.UTF_8));
			}
			stdin.flush();
			awaitLines(log, sent, ship, stderr);
			// the same handler, a new format: the running pipeline takes it without a restart
			Files.writeString(config, Files.readString(config).replace("%(message)s", "new %(message)s"));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (Files.readAllLines(log).stream().noneMatch(l -> l.startsWith("new "))) {
				assertThat(System.nanoTime() - deadline).as("the new format is applied; stderr: %s", Files.readString(stderr))
						.isNegative();
				stdin.write(line(++sent).getBytes(StandardCharsets.UTF_8));
				stdin.flush();
				Thread.sleep(100);
			}
			for (int i = 1; i <= 1_000; i++) {
				stdin.write(line(++sent).getBytes(StandardCharsets.UTF_8));
			}
		}
		assertThat(ship.waitFor(120, TimeUnit.SECONDS)).as("exits at the end of its input").isTrue();
		assertThat(ship.exitValue()).as(Files.readString(stderr)).isZero();
		List<String> lines = Files.readAllLines(log);
		// every record once: the ones before the switch in the old format, the last thousand in the new
		assertThat(lines).hasSize(sent);
		assertThat(lines.subList(sent - 1_000, sent)).allMatch(l -> l.startsWith("new m "));
		assertThat(lines.get(0)).isEqualTo("m 1");
		assertThat(Files.readString(stderr)).contains("shipped " + String.format(Locale.ROOT, "%,d", sent) + " record(s)");
	}

	private static void awaitLines(Path log, int n, Process ship, Path stderr) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (!Files.exists(log) || Files.readAllLines(log).size() < n) {
			assertThat(ship.isAlive()).as("ship runs; stderr: %s", Files.readString(stderr)).isTrue();
			assertThat(System.nanoTime() - deadline).as("%d lines in %s", n, log).isNegative();
			Thread.sleep(50);
		}
	}
}
