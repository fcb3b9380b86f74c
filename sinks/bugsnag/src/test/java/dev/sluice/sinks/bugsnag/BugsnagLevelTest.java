package dev.sluice.sinks.bugsnag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.LoggingConfig;
import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.testkit.BugsnagStandIn;

/**
 * The handler's {@code level} from a real dictConfig decides which records become Bugsnag
 * events, as in Python (a handler at ERROR reports ERROR and above); the records below it, down
 * to {@code breadcrumb_log_level}, still reach the sink as breadcrumbs of their unit of work.
 */
class BugsnagLevelTest {

	private static final String CONFIG = """
			{
			  "version": 1,
			  "handlers": {
			    "bugsnag": {
			      "class": "bugsnag.handlers.BugsnagHandler", LEVEL
			      "api_key": "${env:BUGSNAG_API_KEY}", "endpoint": "ENDPOINT"
			    }
			  },
			  "loggers": {"integrates": {"level": "DEBUG", "handlers": ["bugsnag"]}}
			}
			""";

	private final ByteArrayOutputStream status = new ByteArrayOutputStream();

	private static ConfigLoader loader() {
		return ConfigLoader.defaults().withEnv(Map.of("BUGSNAG_API_KEY", BugsnagSinkTest.KEY));
	}

	private static LoggingConfig config(String text, Path dir) {
		return loader().parse(text.getBytes(StandardCharsets.UTF_8), "integrates-logging.json", dir);
	}

	private Sluice start(Path dir, BugsnagStandIn bugsnag, String levelKey) {
		LoggingConfig config = config(CONFIG.replace("ENDPOINT", bugsnag.notifyUrl()).replace("LEVEL", levelKey), dir);
		Sluice sluice = Sluice.builder().baseDirectory(dir).shutdownHook(false)
				.status(StatusLogger.to(new PrintStream(status, true, StandardCharsets.UTF_8))).build();
		sluice.apply(loader().plan(config, sluice.environment(), sluice.plan())).block(Duration.ofSeconds(30));
		return sluice;
	}

	/** One unit of work logging at every level, the error last. */
	private static void logUnit(Sluice sluice) {
		Logger log = sluice.logger("integrates.orgs");
		log.reactive().debug("debug line")
				.then(log.reactive().info("info line"))
				.then(log.reactive().warn("warning line"))
				.then(log.atError().cause(new IllegalStateException("boom")).mono("error line"))
				.contextWrite(StandardKeys.operationId("op-1"))
				.block(Duration.ofSeconds(30));
	}

	private static List<String> names(JsonNode event, String field, String name) {
		List<String> out = new ArrayList<>();
		event.get(field).forEach(n -> out.add(n.get(name).asText()));
		return out;
	}

	private List<JsonNode> run(Path dir, String levelKey) {
		try (BugsnagStandIn bugsnag = BugsnagStandIn.start()) {
			Sluice sluice = start(dir, bugsnag, levelKey);
			logUnit(sluice);
			var report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(40));
			assertThat(bugsnag.violations()).isEmpty();
			assertThat(report.sink("bugsnag").dropped()).isZero();
			return bugsnag.events();
		}
	}

	@Test
	void aHandlerAtErrorReportsErrorsWithTheLowerRecordsAsBreadcrumbs(@TempDir Path dir) {
		List<JsonNode> events = run(dir, "\"level\": \"ERROR\",");

		assertThat(events).hasSize(1);
		JsonNode e = events.get(0);
		assertThat(e.get("severity").asText()).isEqualTo("error");
		assertThat(names(e, "breadcrumbs", "name")).containsExactly("info line", "warning line");
	}

	@Test
	void aHandlerAtWarningReportsWarningsToo(@TempDir Path dir) {
		List<JsonNode> events = run(dir, "\"level\": \"WARNING\",");

		// the engine sends up to two events at once: they may arrive in either order
		assertThat(events).extracting(e -> e.get("severity").asText()).containsExactlyInAnyOrder("warning", "error");
		JsonNode warning = events.stream().filter(e -> e.get("severity").asText().equals("warning")).findFirst()
				.orElseThrow();
		JsonNode error = events.stream().filter(e -> e.get("severity").asText().equals("error")).findFirst()
				.orElseThrow();
		assertThat(warning.get("severityReason").get("attributes").get("level").asText()).isEqualTo("WARNING");
		assertThat(names(error, "breadcrumbs", "name")).containsExactly("info line");
	}

	@Test
	void aHandlerWithoutALevelReportsErrorAndAbove(@TempDir Path dir) {
		List<JsonNode> events = run(dir, "");

		assertThat(events).hasSize(1);
		assertThat(names(events.get(0), "breadcrumbs", "name")).containsExactly("info line", "warning line");
	}

	@Test
	void theRoutingLevelIsTheLowerOfTheHandlerAndBreadcrumbLevels() {
		BugsnagSinkProvider p = new BugsnagSinkProvider();
		assertThat(p.routingLevel(Level.ERROR, Map.of())).isEqualTo(Level.INFO);
		assertThat(p.routingLevel(Level.ERROR, Map.of("breadcrumb_log_level", "WARNING"))).isEqualTo(Level.WARNING);
		assertThat(p.routingLevel(Level.ERROR, Map.of("max_breadcrumbs", 0))).isEqualTo(Level.ERROR);
		assertThat(p.routingLevel(Level.NOTSET, Map.of())).isEqualTo(Level.NOTSET);
		assertThat(p.routingLevel(Level.DEBUG, Map.of())).isEqualTo(Level.DEBUG);
	}

	@Test
	void aReloadWithAnotherLevelMakesASinkForThatLevel(@TempDir Path dir) {
		try (BugsnagStandIn bugsnag = BugsnagStandIn.start()) {
			Sluice sluice = start(dir, bugsnag, "\"level\": \"ERROR\",");
			LoggingConfig warning = config(CONFIG.replace("ENDPOINT", bugsnag.notifyUrl())
					.replace("LEVEL", "\"level\": \"WARNING\","), dir);
			sluice.apply(loader().plan(warning, sluice.environment(), sluice.plan())).block(Duration.ofSeconds(30));
			sluice.logger("integrates.orgs").reactive().warn("warning after reload")
					.contextWrite(StandardKeys.operationId("op-2")).block(Duration.ofSeconds(30));
			sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(40));

			assertThat(bugsnag.events()).singleElement().satisfies(e -> {
				assertThat(e.get("severity").asText()).isEqualTo("warning");
				assertThat(e.at("/metaData/log/message").asText()).isEqualTo("warning after reload");
			});
		}
	}

	@Test
	void anIncrementalConfigCannotChangeTheLevelTheSinkWasMadeFor(@TempDir Path dir) {
		try (BugsnagStandIn bugsnag = BugsnagStandIn.start()) {
			Sluice sluice = start(dir, bugsnag, "\"level\": \"ERROR\",");
			try {
				LoggingConfig incremental = config("""
						{"version": 1, "incremental": true, "handlers": {"bugsnag": {"level": "WARNING"}}}
						""", dir);
				assertThatThrownBy(() -> loader().plan(incremental, sluice.environment(), sluice.plan()))
						.isInstanceOf(InvalidConfigException.class)
						.hasMessageContaining("handler 'bugsnag' applies its level in its sink")
						.hasMessageContaining("ERROR");
			}
			finally {
				sluice.close();
			}
		}
	}
}
