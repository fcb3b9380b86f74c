package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.StatusLogger;

/**
 * CPython's own {@code ConfigDictTest} configs (test_logging.py, as data in {@code cpython/configdict.json}), applied
 * in the orders its tests apply them, with the same calls logged after each: Sluice accepts a config exactly when
 * CPython does and writes the same stdout and stderr. Configs that name classes of CPython's test module
 * ({@code test.test_logging.*}: Python code) are refused naming the class. Skipped when python3 is not on the PATH.
 */
class ConfigDictCPythonTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final String[] LOGGERS = {"", "compiler", "compiler.parser", "compiler.lexer", "compiler-hyphenated",
			"my_test_logger_custom_formatter"};
	private static final int[] LEVELS = {10, 20, 30, 40, 50};

	private static JsonNode data;

	@TempDir
	Path dir;

	@BeforeAll
	static void load() throws IOException {
		try (InputStream in = ConfigDictCPythonTest.class.getResourceAsStream("/cpython/configdict.json")) {
			data = JSON.readTree(in);
		}
	}

	static Stream<Arguments> cases() throws IOException {
		load();
		List<Arguments> all = new ArrayList<>();
		for (JsonNode c : data.get("cases")) {
			List<String> names = new ArrayList<>();
			c.forEach(n -> names.add(n.asText()));
			all.add(Arguments.of(String.join(" then ", names), names));
		}
		return all.stream();
	}

	private static ArrayNode calls() {
		ArrayNode calls = JSON.createArrayNode();
		int n = 0;
		for (String logger : LOGGERS) {
			for (int level : LEVELS) {
				calls.add(JSON.createArrayNode().add(logger).add(level).add("message " + ++n));
			}
		}
		return calls;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void agreesWithCPython(String title, List<String> names) throws Exception {
		List<JsonNode> configs = new ArrayList<>();
		names.forEach(n -> configs.add(data.get("configs").get(n)));
		boolean pythonCode = configs.stream().anyMatch(c -> c.toString().contains("test.test_logging."));
		if (pythonCode) {
			// CPython's test classes are Python code: refused, naming the class
			Sluiced s = sluice(configs);
			assertThat(s.refusals.get(0)).as("refusal").isNotNull().contains("test.test_logging.");
			return;
		}
		JsonNode python = cpython(configs);
		Sluiced s = sluice(configs);
		boolean refused = false;
		for (int i = 0; i < configs.size(); i++) {
			String theirs = python.get("steps").get(i).isNull() ? null : python.get("steps").get(i).asText();
			assertThat(s.refusals.get(i) != null).as("%s refused (CPython: %s; Sluice: %s)", names.get(i), theirs,
					s.refusals.get(i)).isEqualTo(theirs != null);
			refused |= theirs != null;
		}
		if (refused) {
			// deliberate difference: Sluice applies a config whole or not at all, where CPython keeps what it
			// configured before the error, so what is logged afterwards differs
			return;
		}
		for (int i = 1; i < configs.size(); i++) {
			JsonNode later = configs.get(i);
			boolean disables = !later.path("incremental").asBoolean(false)
					&& later.path("disable_existing_loggers").asBoolean(true);
			assumeTrue(!disables, names.get(i) + " is a reload with disable_existing_loggers: CPython disables every logger"
					+ " that exists then, Sluice only those that existed before the first configuration"
					+ " (docs/python-differences.md); its refusal agreed");
		}
		assumeTrue(!names.contains("config16") || python.get("version").asInt() >= 312,
				"config16's formatter 'defaults' is read by dictConfig from CPython 3.12 on (this python3 is older)");
		assertThat(s.stdout).as("stdout").isEqualTo(python.get("stdout").asText());
		String theirErr = python.get("stderr").asText();
		if (theirErr.contains("--- Logging error ---")) {
			// CPython prints a traceback per failed record; Sluice reports the cause once, then counts
			assertThat(s.stderr).as("stderr").contains("--- Logging error ---");
		}
		else {
			assertThat(s.stderr).as("stderr").isEqualTo(theirErr);
		}
	}

	private static final class Sluiced {
		final List<String> refusals = new ArrayList<>();
		String stdout;
		String stderr;
	}

	private Sluiced sluice(List<JsonNode> configs) throws IOException {
		Sluiced result = new Sluiced();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream realOut = System.out;
		PrintStream realErr = System.err;
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
		Sluice sluice = null;
		try {
			sluice = Sluice.builder().shutdownHook(false).baseDirectory(dir)
					.status(StatusLogger.to(System.err)).build();
			ConfigLoader loader = ConfigTestSupport.loader(dir, java.util.Map.of());
			int step = 0;
			for (JsonNode config : configs) {
				Path file = dir.resolve("step" + ++step + ".json");
				Files.writeString(file, config.toString());
				try {
					LoggingConfig c = loader.read(file);
					RoutingPlan plan = loader.plan(c, sluice.environment(), sluice.plan());
					sluice.applyNow(plan);
					result.refusals.add(null);
				}
				catch (InvalidConfigException e) {
					result.refusals.add(e.getMessage());
				}
				for (JsonNode call : calls()) {
					sluice.logger(call.get(0).asText()).atLevel(Level.of(call.get(1).asInt())).log(call.get(2).asText());
				}
				sluice.flush().block(Duration.ofSeconds(30));
			}
		}
		finally {
			if (sluice != null) {
				sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
			}
			System.setOut(realOut);
			System.setErr(realErr);
		}
		result.stdout = out.toString(StandardCharsets.UTF_8);
		result.stderr = err.toString(StandardCharsets.UTF_8);
		return result;
	}

	private JsonNode cpython(List<JsonNode> configs) throws Exception {
		ObjectNode input = JSON.createObjectNode();
		input.set("configs", JSON.valueToTree(configs));
		input.set("calls", calls());
		return ConfigTestSupport.cpython("configdict_run.py", dir, input, ProcessBuilder.Redirect.DISCARD);
	}
}
