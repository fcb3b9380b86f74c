package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.sluice.config.testing.RecordingSinkProvider;
import dev.sluice.config.testing.SlackStubProvider;
import dev.sluice.pipeline.BufferSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.console.ConsoleSinkProvider;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.SinkEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's Jibe config (/work/shared/examples/jibe-logging.json), byte for byte. */
class JibeExampleTest {

	@TempDir
	Path dir;

	static Path jibe() {
		try {
			return Path.of(JibeExampleTest.class.getResource("/jibe-logging.json").toURI());
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void loadsVerbatim() throws Exception {
		LoggingConfig c = ConfigTestSupport.loader(dir, Map.of("SLACK_API_KEY", "xoxb-1-2-SECRETVALUE")).read(jibe());
		assertThat(c.disableExistingLoggers()).isFalse();
		assertThat(c.incremental()).isFalse();
		assertThat(c.formatters()).containsOnlyKeys("simpler", "simple", "detailed", "slack");
		assertThat(c.formatters().get("detailed").format())
				.isEqualTo("%(asctime)s - %(name)s - %(threadName)s - %(levelname)s - %(message)s");
		assertThat(c.handlers()).containsOnlyKeys("console", "info_file_handler", "error_file_handler",
				"alert_slack_handler");
		HandlerDef info = c.handlers().get("info_file_handler");
		assertThat(info.className()).isEqualTo("logging.handlers.TimedRotatingFileHandler");
		assertThat(info.level()).isEqualTo(Level.INFO);
		assertThat(info.formatter()).isEqualTo("detailed");
		assertThat(info.options()).containsEntry("when", "midnight").containsEntry("utc", false)
				.containsEntry("filename", "logs/info.log").containsEntry("backupCount", 14)
				.containsEntry("encoding", "utf8").doesNotContainKeys("class", "level", "formatter");
		assertThat(c.handlers().get("console").options()).containsEntry("stream", "ext://sys.stdout");
		HandlerDef slack = c.handlers().get("alert_slack_handler");
		assertThat(slack.options().get("api_key")).isEqualTo(Secret.of("xoxb-1-2-SECRETVALUE"));
		assertThat(slack.toString()).doesNotContain("SECRETVALUE");
		assertThat(c.toString()).doesNotContain("SECRETVALUE");
		assertThat(c.loggers().get("jibe.provider")).isEqualTo(new LoggerDef(Level.WARNING, true,
				List.of("alert_slack_handler"), List.of()));
		assertThat(c.loggers().get("jibe.provider.sync")).isEqualTo(new LoggerDef(Level.INFO, true, List.of(), List.of()));
		assertThat(c.root().handlers()).containsExactly("console", "info_file_handler", "error_file_handler");
		assertThat(c.root().level()).isEqualTo(Level.INFO);
	}

	@Test
	void becomesAPlan() throws Exception {
		ConfigLoader loader = ConfigTestSupport.loader(dir, Map.of("SLACK_API_KEY", "xoxb-1"));
		RoutingPlan plan = loader.plan(loader.read(jibe()), SinkEnvironment.defaults().withBaseDirectory(dir));
		assertThat(plan.disableExistingLoggers()).isFalse();
		assertThat(plan.handlers()).containsOnlyKeys("console", "info_file_handler", "error_file_handler",
				"alert_slack_handler");
		assertThat(plan.handlers().get("error_file_handler").level()).isEqualTo(Level.ERROR);
		assertThat(plan.handlers().get("console").buffer()).isEqualTo(BufferSpec.LOSSLESS);
		assertThat(plan.logger("jibe.provider").handlers()).containsExactly("alert_slack_handler");
		assertThat(plan.logger("jibe.provider").level()).isEqualTo(Level.WARNING);
		assertThat(plan.root().level()).isEqualTo(Level.INFO);
		assertThat(SlackStubProvider.lastApiKey).isEqualTo(Secret.of("xoxb-1"));
	}

	@Test
	void withoutTheSlackModuleTheErrorSaysWhichModuleToAdd() throws Exception {
		ConfigLoader loader = ConfigTestSupport.loader(dir, Map.of("SLACK_API_KEY", "xoxb-1"))
				.withProviders(SinkProviders.of(List.of(new ConsoleSinkProvider(), new RecordingSinkProvider())));
		assertThatThrownBy(() -> loader.read(jibe())).isInstanceOfSatisfying(InvalidConfigException.class, e -> {
			assertThat(e.problems()).extracting(Object::toString).containsExactly(
					jibe() + ":/handlers/info_file_handler/class: handler class 'logging.handlers.TimedRotatingFileHandler'"
							+ " is provided by module dev.sluice:sluice-sink-file, which is not on the class path; add it as"
							+ " a dependency",
					jibe() + ":/handlers/error_file_handler/class: handler class 'logging.handlers.RotatingFileHandler'"
							+ " is provided by module dev.sluice:sluice-sink-file, which is not on the class path; add it as"
							+ " a dependency",
					jibe() + ":/handlers/alert_slack_handler/class: handler class 'src.slack_log_handler.SlackLogHandler'"
							+ " is provided by module dev.sluice:sluice-sink-slack, which is not on the class path; add it"
							+ " as a dependency");
		});
	}

	@Test
	void aPythonHandlerSluiceLacksIsSaidSoWithoutASuggestionAndSmtpNamesItsModule() {
		SinkProviders providers = SinkProviders.of(List.of(new ConsoleSinkProvider()));
		assertThat(providers.unknownClass("logging.handlers.HTTPHandler"))
				.startsWith("unknown handler class 'logging.handlers.HTTPHandler' (a handler of Python's logging that"
						+ " Sluice does not provide: see docs/python-differences.md); on the class path:")
				.doesNotContain("did you mean");
		assertThat(providers.unknownClass("logging.handlers.SMTPHandler")).isEqualTo("handler class"
				+ " 'logging.handlers.SMTPHandler' is provided by module dev.sluice:sluice-sink-smtp, which is not on the"
				+ " class path; add it as a dependency");
		assertThat(providers.unknownClass("logging.StreamHandlr")).contains("(did you mean 'logging.StreamHandler'?)");
	}

	@Test
	void aMissingSecretIsNamedNotPrinted() throws Exception {
		assertThatThrownBy(() -> ConfigTestSupport.loader(dir, Map.of()).read(jibe()))
				.isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problems())
						.extracting(Object::toString).containsExactly(jibe() + ":/handlers/alert_slack_handler/api_key: "
								+ "environment variable SLACK_API_KEY is not set (use ${env:SLACK_API_KEY:-default} to give a"
								+ " default)"));
	}
}
