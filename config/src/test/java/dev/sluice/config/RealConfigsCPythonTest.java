package dev.sluice.config;

import static dev.sluice.config.ConfigTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.StatusLogger;

/**
 * Real projects' dictConfigs through CPython 3 and through Sluice, with the same calls at the same
 * fixed time and process id: the same stdout, stderr and files, byte for byte. The seed's Jibe
 * config (its Slack handler is the project's own Python class: a stand-in that writes nothing under
 * CPython, Sluice's Slack sink on a stub here) and gunicorn's {@code CONFIG_DEFAULTS} (its
 * {@code qualname} keys; a handler on a logger and on the root, so gunicorn's access lines are
 * written twice, as CPython does). Skipped when python3 is not on the PATH.
 */
class RealConfigsCPythonTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	/** A whole half second: CPython 3.11 computes msecs through a float, exact for .5. */
	private static final Instant AT = Instant.ofEpochMilli(1_765_000_000_500L);
	private static final int PID = 4242;

	@TempDir
	Path python;
	@TempDir
	Path sluice;

	@Test
	void theSeedsJibeConfigWritesAsCPythonDoes() throws Exception {
		Path jibe = JibeExampleTest.jibe();
		Path stand = Files.createDirectories(python.resolve("src"));
		Files.writeString(stand.resolve("slack_log_handler.py"), "import logging\n\n"
				+ "class SlackLogHandler(logging.Handler):\n"
				+ "    def __init__(self, api_key, channel=None, username=None, icon_emoji=None, fail_silent=False):\n"
				+ "        super().__init__()\n\n"
				+ "    def emit(self, record):\n"
				+ "        pass\n");
		// CPython's file handlers do not make their directory; Sluice's do (docs/python-differences.md)
		Files.createDirectories(python.resolve("logs"));
		Result ours = compare(Files.readString(jibe), "", "jibe", "jibe.provider", "jibe.provider.sync", "jibe.core");
		assertThat(ours.files).containsOnlyKeys("logs/info.log", "logs/errors.log");
		assertThat(ours.files.get("logs/errors.log")).contains(" - jibe.provider.sync - MainThread - CRITICAL - message 23\n");
		assertThat(ours.stdout).contains(" - INFO - two\nlines, caf\u00e9 \u2713 ");
	}

	@Test
	void gunicornsDefaultsWriteAsCPythonDoes() throws Exception {
		Result ours = compare(ConfigTestSupport.GUNICORN_DEFAULTS,
				"", "gunicorn.error", "gunicorn.access", "app");
		// on the access logger's own console handler and on the root's: twice, as CPython writes it
		assertThat(ours.stdout).contains("[2025-12-06 05:46:40 +0000] [4242] [INFO] message 14\n"
				+ "[2025-12-06 05:46:40 +0000] [4242] [INFO] message 14\n");
		assertThat(ours.stderr).contains("[4242] [ERROR] message 10\n");
	}

	/**
	 * Django's DEFAULT_LOGGING with Django's default settings (DEBUG False, no ADMINS), under CPython
	 * with Debian's python3-django: the console handler's require_debug_true passes nothing,
	 * mail_admins sends nothing, django.server writes "[server_time] message" with Django's time
	 * format or the record's own server_time, and other loggers' warnings go to the last resort.
	 * Skipped where no python3 has Django.
	 */
	@Test
	void djangosDefaultsWriteAsCPythonDoes() throws Exception {
		String withDjango = ConfigTestSupport.pythonWith("django.utils.log");
		assumeTrue(withDjango != null, "no python3 with Django (Debian: apt-get install python3-django):"
				+ " the comparison of Django's logging defaults is skipped");
		ArrayNode calls = calls("django", "django.request", "django.server");
		calls.add(JSON.createArrayNode().add("django.server").add(20).add("\"GET / HTTP/1.1\" 200 10")
				.add(JSON.createObjectNode().put("server_time", "06/Dec/2025 05:46:40").put("status_code", 200)));
		calls.add(JSON.createArrayNode().add("django.server").add(30).add("\"GET /x HTTP/1.1\" 404 9")
				.add(JSON.createObjectNode().put("status_code", 404)));
		Result ours = compare(withDjango, ConfigTestSupport.DJANGO_DEFAULTS, calls, true);
		assertThat(ours.stderr).contains("[06/Dec/2025 05:46:40,500] message 14\n")
				.contains("[06/Dec/2025 05:46:40] \"GET / HTTP/1.1\" 200 10\n");
	}

	/**
	 * uvicorn's LOGGING_CONFIG (uvicorn 0.17, Debian's python3-uvicorn), under CPython with uvicorn
	 * installed: DefaultFormatter's levelprefix on stderr, AccessFormatter's client address, request
	 * line and status with its phrase on stdout, from the access call's five arguments; and the same
	 * with use_colors true (click's ANSI codes). Skipped where no python3 has uvicorn.
	 */
	@Test
	void uvicornsDefaultsWriteAsCPythonDoes() throws Exception {
		String withUvicorn = ConfigTestSupport.pythonWith("uvicorn.logging");
		assumeTrue(withUvicorn != null, "no python3 with uvicorn (Debian: apt-get install python3-uvicorn):"
				+ " the comparison of uvicorn's logging defaults is skipped");
		for (boolean colours : new boolean[] {false, true}) {
			ArrayNode calls = calls("uvicorn", "uvicorn.error", "app");
			int[] statuses = {200, 304, 404, 500, 599, 101};
			for (int status : statuses) {
				calls.add(JSON.createArrayNode().add("uvicorn.access").add(20).add("%s - \"%s %s HTTP/%s\" %d")
						.add(JSON.createObjectNode())
						.add(JSON.createArrayNode().add("127.0.0.1:50000").add("GET").add("/items?q=" + status).add("1.1")
								.add(status)));
			}
			String config = ConfigTestSupport.UVICORN_DEFAULTS.replace("\"use_colors\": null",
					"\"use_colors\": " + colours);
			if (colours) {
				config = config.replace("\"fmt\": \"%(levelprefix)s %(client_addr)s", "\"use_colors\": true, \"fmt\":"
						+ " \"%(levelprefix)s %(client_addr)s");
			}
			Result ours = compare(withUvicorn, config, calls, false);
			assertThat(ours.stdout).contains(colours ? "\u001b[32m200 OK\u001b[0m" : "INFO:     127.0.0.1:50000 - \"GET"
					+ " /items?q=200 HTTP/1.1\" 200 OK\n");
		}
	}

	/**
	 * Stream handlers sharing stdout and stderr, and file handlers sharing a file, with their own
	 * formats and levels, on loggers and their ancestors: CPython writes each record handler after
	 * handler along its route, and so does Sluice (the sinks of one output share its thread), byte for
	 * byte on both streams and in the file.
	 */
	@Test
	void handlersOnOneStreamWriteInCPythonsOrder() throws Exception {
		compare(json("{'version': 1, 'disable_existing_loggers': false,"
				+ " 'formatters': {'a': {'format': 'A %(name)s %(levelname)s %(message)s'},"
				+ "  'b': {'format': 'B [%(levelname)s] %(message)s'}},"
				+ " 'handlers': {'one': {'class': 'logging.StreamHandler', 'formatter': 'a', 'stream': 'ext://sys.stdout'},"
				+ "  'two': {'class': 'logging.StreamHandler', 'formatter': 'b', 'stream': 'ext://sys.stdout', 'level': 'WARNING'},"
				+ "  'three': {'class': 'logging.StreamHandler', 'formatter': 'b', 'stream': 'ext://sys.stderr'},"
				+ "  'four': {'class': 'logging.StreamHandler', 'formatter': 'a', 'stream': 'ext://sys.stderr', 'level': 'ERROR'},"
				+ "  'file_a': {'class': 'logging.FileHandler', 'formatter': 'a', 'filename': 'both.log'},"
				+ "  'file_b': {'class': 'logging.FileHandler', 'formatter': 'b', 'filename': 'both.log', 'level': 'WARNING'}},"
				+ " 'loggers': {'app': {'level': 'DEBUG', 'handlers': ['two', 'file_b']}, 'app.db': {'handlers': ['one', 'three']}},"
				+ " 'root': {'level': 'INFO', 'handlers': ['one', 'four', 'file_a']}}"),
				"", "app", "app.db", "lib", "app.db.pool", "app");
	}

	/**
	 * Sanic's LOGGING_CONFIG_DEFAULTS (its stream objects as ext:// names; the access logger, whose
	 * format needs fields only Sanic's records carry, is not called). Its root has no handler, so
	 * warnings of other loggers go to Python's last resort on stderr, beside the {@code error_console}
	 * handler: two writers on one stream, in CPython's order (the last resort writes through the
	 * stream's shared thread).
	 */
	@Test
	void sanicsDefaultsWriteAsCPythonDoes() throws Exception {
		compare(json("{'version': 1, 'disable_existing_loggers': false,"
				+ " 'loggers': {'sanic.root': {'level': 'INFO', 'handlers': ['console']},"
				+ "  'sanic.error': {'level': 'INFO', 'handlers': ['error_console'], 'propagate': true, 'qualname': 'sanic.error'},"
				+ "  'sanic.access': {'level': 'INFO', 'handlers': ['access_console'], 'propagate': true, 'qualname': 'sanic.access'},"
				+ "  'sanic.server': {'level': 'INFO', 'handlers': ['console'], 'propagate': true, 'qualname': 'sanic.server'}},"
				+ " 'handlers': {'console': {'class': 'logging.StreamHandler', 'formatter': 'generic', 'stream': 'ext://sys.stdout'},"
				+ "  'error_console': {'class': 'logging.StreamHandler', 'formatter': 'generic', 'stream': 'ext://sys.stderr'},"
				+ "  'access_console': {'class': 'logging.StreamHandler', 'formatter': 'access', 'stream': 'ext://sys.stdout'}},"
				+ " 'formatters': {'generic': {'format': '%(asctime)s [%(process)s] [%(levelname)s] %(message)s',"
				+ "   'datefmt': '[%Y-%m-%d %H:%M:%S %z]', 'class': 'logging.Formatter'},"
				+ "  'access': {'format': '%(asctime)s - (%(name)s)[%(levelname)s][%(host)s]: %(request)s %(message)s %(status)s %(byte)s',"
				+ "   'datefmt': '[%Y-%m-%d %H:%M:%S %z]', 'class': 'logging.Formatter'}}}"),
				"", "sanic.root", "sanic.error", "sanic.server", "app");
	}

	private static ArrayNode calls(String... loggers) {
		ArrayNode calls = JSON.createArrayNode();
		int n = 0;
		for (String logger : loggers) {
			for (int level : new int[] {10, 20, 30, 40, 50}) {
				calls.add(JSON.createArrayNode().add(logger).add(level).add("message " + ++n));
			}
			calls.add(JSON.createArrayNode().add(logger).add(20).add("two\nlines, caf\u00e9 \u2713 " + ++n));
		}
		return calls;
	}

	private Result compare(String config, String... loggers) throws Exception {
		return compare("python3", config, calls(loggers), false);
	}

	private Result compare(String pythonExecutable, String config, ArrayNode calls, boolean django) throws Exception {
		JsonNode theirs = cpython(pythonExecutable, config, calls, django);
		Result ours = sluice(config, calls);
		assertThat(theirs.get("refusal").isNull()).as("CPython loads it: %s", theirs.get("refusal")).isTrue();
		assertThat(ours.stdout).as("stdout").isEqualTo(theirs.get("stdout").asText());
		assertThat(ours.stderr).as("stderr").isEqualTo(theirs.get("stderr").asText());
		Map<String, String> theirFiles = new TreeMap<>();
		theirs.get("files").fields().forEachRemaining(e -> theirFiles.put(e.getKey(), e.getValue().asText()));
		assertThat(ours.files).as("files").isEqualTo(theirFiles);
		return ours;
	}

	private static final class Result {
		String stdout;
		String stderr;
		final Map<String, String> files = new TreeMap<>();
	}

	private Result sluice(String config, ArrayNode calls) throws Exception {
		Result result = new Result();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream realOut = System.out;
		PrintStream realErr = System.err;
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
		Sluice s = null;
		try {
			s = Sluice.builder().shutdownHook(false).baseDirectory(sluice).clock(Clock.fixed(AT, ZoneId.systemDefault()))
					.status(StatusLogger.to(System.err)).build();
			ConfigLoader loader = ConfigTestSupport.loader(sluice, Map.of("SLACK_API_KEY", "xoxb-1"));
			Path file = Files.writeString(sluice.resolve("logging.json"), config);
			RoutingPlan plan = loader.plan(loader.read(file), s.environment(), s.plan());
			s.applyNow(plan);
			Sluice pipeline = s;
			// CPython's records carry the main thread's name
			Thread main = new Thread(() -> {
				for (JsonNode call : calls) {
					dev.sluice.pipeline.LogCall c = pipeline.logger(call.get(0).asText()).atLevel(Level.of(call.get(1).asInt()));
					if (call.size() > 3) {
						call.get(3).fields().forEachRemaining(e -> c.attr(e.getKey(), value(e.getValue())));
					}
					List<Object> args = new ArrayList<>();
					if (call.size() > 4) {
						call.get(4).forEach(a -> args.add(value(a)));
					}
					c.log(call.get(2).asText(), args.toArray());
				}
			}, "MainThread");
			main.start();
			main.join();
			s.flush().block(Duration.ofSeconds(30));
		}
		finally {
			if (s != null) {
				s.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
			}
			System.setOut(realOut);
			System.setErr(realErr);
		}
		String pid = String.valueOf(ProcessHandle.current().pid());
		result.stdout = out.toString(StandardCharsets.UTF_8).replace("[" + pid + "]", "[" + PID + "]");
		result.stderr = err.toString(StandardCharsets.UTF_8).replace("[" + pid + "]", "[" + PID + "]");
		try (Stream<Path> files = Files.walk(sluice)) {
			for (Path p : (Iterable<Path>) files::iterator) {
				if (p.toString().endsWith(".log")) {
					result.files.put(sluice.relativize(p).toString().replace('\\', '/'), Files.readString(p));
				}
			}
		}
		return result;
	}

	private static Object value(JsonNode v) {
		return v.isInt() ? (Object) v.asInt() : v.isNull() ? null : v.asText();
	}

	private JsonNode cpython(String pythonExecutable, String config, ArrayNode calls, boolean django) throws Exception {
		ObjectNode input = JSON.createObjectNode();
		input.set("config", JSON.readTree(config));
		input.set("calls", calls);
		input.put("cwd", python.toString());
		input.put("created", AT.getEpochSecond() + AT.getNano() / 1e9);
		input.put("process", PID);
		input.put("django", django);
		return ConfigTestSupport.cpython(pythonExecutable, "realconfig_run.py", python, input,
				ProcessBuilder.Redirect.INHERIT);
	}
}
