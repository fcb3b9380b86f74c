package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-config, ship and demo --config through the real command line. */
class ConfigCommandsTest {

	@TempDir
	Path dir;

	private String out;
	private String err;

	private int run(String stdin, String... args) {
		PrintStream stdout = System.out;
		PrintStream stderr = System.err;
		InputStream in = System.in;
		ByteArrayOutputStream o = new ByteArrayOutputStream();
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
		System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
		try {
			return SluiceCli.commandLine().execute(args);
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
			System.setIn(in);
			out = o.toString(StandardCharsets.UTF_8);
			err = e.toString(StandardCharsets.UTF_8);
		}
	}

	/** Jibe's config (the seed's example) with its log files under the test's directory and a literal token. */
	private Path jibe() throws Exception {
		String text = new String(getClass().getResourceAsStream("/jibe-logging.json").readAllBytes(), StandardCharsets.UTF_8)
				.replace("\"logs/", "\"" + dir.toString().replace("\\", "/") + "/logs/")
				.replace("${env:SLACK_API_KEY}", "xoxb-1111-2222-SECRETTOKEN");
		return Files.writeString(dir.resolve("jibe.json"), text);
	}

	@Test
	void checkConfigPrintsTheTreeOfJibesConfig() throws Exception {
		Path file = jibe();
		assertThat(run("", "check-config", file.toString())).as(err).isZero();
		assertThat(out).startsWith(file + ": valid (4 handler(s), 2 logger(s))\n")
				.contains("root [INFO]\n"
						+ "  ├─ console (logging.StreamHandler, DEBUG)\n"
						+ "  │  └─ formatter simple: %(asctime)s - %(levelname)s - %(message)s\n"
						+ "  ├─ info_file_handler (logging.handlers.TimedRotatingFileHandler, INFO)\n"
						+ "  │  └─ formatter detailed: %(asctime)s - %(name)s - %(threadName)s - %(levelname)s - %(message)s\n"
						+ "  └─ error_file_handler (logging.handlers.RotatingFileHandler, ERROR)\n"
						+ "     └─ formatter detailed: %(asctime)s - %(name)s - %(threadName)s - %(levelname)s - %(message)s\n")
				.contains("jibe.provider [WARNING, propagates]\n"
						+ "  └─ alert_slack_handler (src.slack_log_handler.SlackLogHandler, WARNING)\n"
						+ "     └─ formatter slack: %(name)s - %(levelname)s - %(message)s\n")
				.contains("jibe.provider.sync [INFO, propagates]\n  (no handlers of its own)\n")
				.doesNotContain("SECRETTOKEN");
	}

	@Test
	void checkConfigMakesNoEventStore() throws Exception {
		// checking a config makes its sinks to validate their options; an event store must not be
		// opened (and its database file made) by that
		Path store = dir.resolve("events-store");
		Path file = Files.writeString(dir.resolve("events.json"), "{\"version\": 1, \"handlers\": {\"ev\": {\"class\":"
				+ " \"sluice.events\", \"path\": \"" + store.toString().replace("\\", "/") + "\"}},"
				+ " \"root\": {\"level\": \"INFO\", \"handlers\": [\"ev\"]}}");
		assertThat(run("", "check-config", file.toString())).as(err).isZero();
		try (java.util.stream.Stream<Path> files = Files.list(dir)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactly("events.json");
		}
	}

	@Tag("fault-injection")
	@Test
	void checkConfigListsEveryProblemAndExitsTwo() throws Exception {
		Path file = Files.writeString(dir.resolve("bad.json"), "{\"version\": 1, \"handlers\": {\"h\": {\"class\":"
				+ " \"console\", \"level\": \"LOUD\", \"formater\": \"x\", \"api_key\": \"SECRETTOKEN\"}},"
				+ " \"root\": {\"handlers\": [\"g\"]}}");
		assertThat(run("", "check-config", file.toString())).isEqualTo(2);
		assertThat(err).isEqualTo(file + ": 4 problem(s):\n"
				+ "  " + file + ":/handlers/h/level: expected a level (NOTSET, TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL or"
				+ " a number), found 'LOUD'\n"
				+ "  " + file + ":/root/handlers/0: handler 'g' is not defined (did you mean 'h'?); defined: h\n"
				+ "  " + file + ":/handlers/h/formater: unknown key 'formater' (did you mean 'formatter'?)\n"
				+ "  " + file + ":/handlers/h/api_key: unknown option 'api_key'; known options: stream, terminator, encoding\n");
		assertThat(out).isEmpty();
		assertThat(err).doesNotContain("SECRETTOKEN");
	}

	@Test
	void shipSendsEachLineThroughTheConfigInOrder() throws Exception {
		Path log = dir.resolve("shipped.log");
		Path config = Files.writeString(dir.resolve("ship.json"), ("{'version': 1, 'disable_existing_loggers': false,"
				+ " 'formatters': {'f': {'format': '%(asctime)s %(threadName)s %(name)s %(levelname)s %(message)s [%(user)s]',"
				+ "  'utc': true, 'defaults': {'user': ''}}},"
				+ " 'handlers': {'file': {'class': 'logging.FileHandler', 'filename': '" + log.toString().replace("\\", "/")
				+ "', 'formatter': 'f'}},"
				+ " 'root': {'level': 'DEBUG', 'handlers': ['file']}, 'loggers': {'quiet': {'level': 'ERROR'}}}")
				.replace('\'', '"'));
		String input = String.join("\n",
				"{\"time\": \"2020-07-29T00:00:11.491Z\", \"logger\": \"jibe.core\", \"level\": \"INFO\", \"message\": \"first\","
						+ " \"thread\": \"DoTask-02\", \"context\": {\"user\": \"ana\"}}",
				"{\"time\": \"2020-07-29T00:00:12Z\", \"level\": \"WARN\", \"message\": \"second {}\"}",
				"not json",
				"{\"time\": \"2020-07-29T00:00:13Z\", \"logger\": \"quiet\", \"level\": \"INFO\", \"message\": \"below level\"}",
				"{\"time\": \"yesterday\", \"level\": \"INFO\", \"message\": \"bad time\"}",
				"{\"time\": \"2020-07-29T00:00:14Z\", \"logger\": \"jibe.core\", \"level\": \"SEVERE\", \"message\": \"failed\","
						+ " \"error\": {\"type\": \"IOError\", \"message\": \"disk full\", \"stack\": \"IOError: disk full\\n  at x\"}}",
				"");
		Path in = Files.writeString(dir.resolve("in.jsonl"), input);
		int exit = run("", "ship", "--config", config.toString(), "--input", in.toString());
		assertThat(exit).as(err).isEqualTo(1);
		assertThat(Files.readAllLines(log)).containsExactly(
				"2020-07-29 00:00:11,491 DoTask-02 jibe.core INFO first [ana]",
				"2020-07-29 00:00:12,000 main root WARNING second {} []",
				"2020-07-29 00:00:14,000 main jibe.core ERROR failed []",
				"IOError: disk full",
				"  at x");
		assertThat(err).contains("sluice ship: line 3: expected a JSON object, found invalid JSON")
				.contains("sluice ship: line 5: time: expected an ISO-8601 instant such as 2020-07-29T00:00:11.491Z, found"
						+ " 'yesterday'")
				.contains("sluice ship: read 6 line(s), shipped 3 record(s), 2 line(s) could not be used, 1 below their logger's"
						+ " level (not shipped)")
				.contains("  sink file: read 3  delivered 3  dropped 0");
	}

	@Test
	void shipReadsStdinAndExitsZeroWhenEverythingIsDelivered() throws Exception {
		Path log = dir.resolve("stdin.log");
		Path config = Files.writeString(dir.resolve("ship.json"), ("{'version': 1, 'handlers': {'file': {'class': 'file',"
				+ " 'filename': '" + log.toString().replace("\\", "/") + "'}}, 'root': {'level': 'INFO', 'handlers': ['file']}}")
				.replace('\'', '"'));
		int exit = run("{\"level\": \"info\", \"message\": \"a\"}\n{\"level\": 20, \"message\": \"b\"}\n", "ship", "--config",
				config.toString());
		assertThat(exit).as(err).isZero();
		assertThat(Files.readAllLines(log)).containsExactly("a", "b");
		assertThat(err).contains("  sink file: read 2  delivered 2  dropped 0");
	}

	@Test
	void demoRunsThroughAConfig() throws Exception {
		Path log = dir.resolve("demo.log");
		Path config = Files.writeString(dir.resolve("demo.json"), ("{'version': 1, 'handlers': {'file': {'class': 'file',"
				+ " 'filename': '" + log.toString().replace("\\", "/") + "'}}, 'root': {'level': 'INFO', 'handlers': ['file']}}")
				.replace('\'', '"'));
		int exit = run("", "demo", "--records", "2000", "--config", config.toString(), "--data-dir", dir.toString());
		assertThat(exit).as(out + err).isZero();
		assertThat(out).contains("sink file");
		assertThat(Files.readAllLines(log)).isNotEmpty();
	}
}
