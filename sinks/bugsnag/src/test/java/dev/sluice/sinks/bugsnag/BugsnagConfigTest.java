package dev.sluice.sinks.bugsnag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.LoggingConfig;
import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.testkit.BugsnagStandIn;
import reactor.core.publisher.Flux;

/**
 * Integrates' handlers from a dictConfig through the config module: Bugsnag with a local file as
 * its fallback. With Bugsnag down, every error ends up in the file; nothing is dropped.
 */
class BugsnagConfigTest {

	private static final String CONFIG = """
			{
			  "version": 1,
			  "formatters": {"detailed": {"format": "%(asctime)s - %(name)s - %(levelname)s - %(message)s"}},
			  "handlers": {
			    "bugsnag": {
			      "class": "bugsnag.handlers.BugsnagHandler",
			      "api_key": "${env:BUGSNAG_API_KEY}",
			      "endpoint": "ENDPOINT",
			      "release_stage": "production",
			      "project_packages": ["dev.sluice"],
			      "extra_fields": {"organization": ["organization_id"]},
			      "fallback": "error_file_handler",
			      "retry_min_backoff": 0.01, "retry_max_backoff": 0.05, "retry_max_attempts": 3
			    },
			    "error_file_handler": {
			      "class": "logging.FileHandler", "level": "ERROR", "formatter": "detailed",
			      "filename": "logs/errors.log", "encoding": "utf8"
			    }
			  },
			  "loggers": {"integrates": {"level": "INFO", "handlers": ["bugsnag"]}},
			  "root": {"level": "WARNING", "handlers": []}
			}
			""";

	private static Sluice start(Path dir, String endpoint, ByteArrayOutputStream status) {
		ConfigLoader loader = ConfigLoader.defaults().withEnv(Map.of("BUGSNAG_API_KEY", BugsnagSinkTest.KEY));
		LoggingConfig config = loader.parse(CONFIG.replace("ENDPOINT", endpoint).getBytes(StandardCharsets.UTF_8),
				"integrates-logging.json", dir);
		Sluice sluice = Sluice.builder().baseDirectory(dir).shutdownHook(false)
				.status(StatusLogger.to(new PrintStream(status, true, StandardCharsets.UTF_8))).build();
		sluice.apply(loader.plan(config, sluice.environment(), sluice.plan())).block(Duration.ofSeconds(30));
		return sluice;
	}

	private static void logUnits(Sluice sluice, int n) {
		Logger log = sluice.logger("integrates.organizations");
		Flux.range(0, n).concatMap(i -> log.reactive().info("adding organization {}", i)
				.then(log.atError().attr("organization_id", "org-" + i).cause(new IllegalStateException("no " + i))
						.mono("Organization {} could not be added", i))
				.contextWrite(StandardKeys.operationId("op-" + i))).blockLast(Duration.ofSeconds(30));
	}

	@Test
	void errorsAreReportedWithTheirExtraFieldsAndBreadcrumbs(@TempDir Path dir) {
		ByteArrayOutputStream status = new ByteArrayOutputStream();
		try (BugsnagStandIn bugsnag = BugsnagStandIn.start()) {
			Sluice sluice = start(dir, bugsnag.notifyUrl(), status);
			logUnits(sluice, 5);
			ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(40));
			assertThat(bugsnag.events()).hasSize(5);
			assertThat(bugsnag.events().get(0).at("/metaData/organization/organization_id").asText())
					.startsWith("org-");
			assertThat(bugsnag.events().get(0).get("breadcrumbs")).hasSize(1);
			assertThat(bugsnag.violations()).isEmpty();
			assertThat(report.sink("bugsnag").dropped()).isZero();
		}
	}

	@Test
	void withBugsnagDownEveryErrorLandsInTheFallbackFile(@TempDir Path dir) throws Exception {
		ByteArrayOutputStream status = new ByteArrayOutputStream();
		try (BugsnagStandIn bugsnag = BugsnagStandIn.start()) {
			bugsnag.goDown();
			Sluice sluice = start(dir, bugsnag.notifyUrl(), status);
			logUnits(sluice, 8);
			ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(40));

			List<String> lines = Files.readAllLines(dir.resolve("logs/errors.log"));
			assertThat(lines).filteredOn(l -> l.contains("could not be added")).hasSize(8);
			assertThat(report.sink("bugsnag").fallback()).isEqualTo(8);
			assertThat(report.sink("bugsnag").dropped()).isZero();
			assertThat(report.sink("error_file_handler").delivered()).isEqualTo(8);
			assertThat(bugsnag.events()).isEmpty();
			assertThat(status.toString(StandardCharsets.UTF_8)).doesNotContain(BugsnagSinkTest.KEY);
		}
	}
}
