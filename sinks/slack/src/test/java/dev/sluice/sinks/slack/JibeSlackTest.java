package dev.sluice.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.LoggingConfig;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.testkit.SlackStandIn;

/**
 * Jibe's logging config (the seed's example file, verbatim but for the Slack handler's
 * {@code endpoint}, pointed at the stand-in) through the config module and a real pipeline.
 */
class JibeSlackTest {

	/** The seed's example messages: logger, thread, level, message. */
	private static final String[][] SEED = {
		{"jibe.provider.sync", "MainThread", "INFO", "Provider ReSync Found (Started Completed '2020-07-01 18:22:39 UTC') - Sales GovCloud"},
		{"jibe.provider.sync", "MainThread", "INFO", "Provider ReSync Found (Started Completed '2020-06-23 16:00:31 UTC') - Eng Cloud"},
		{"jibe.provider", "DoTask-09", "INFO", "Start Folder Monitor 'Shared Media' - [AWSLogs]"},
		{"jibe.provider.sync", "DoTask-02", "WARNING", "Providers Sync Delayed: ['Eng Cloud - 4 days, ReSync Running']"},
		{"jibe.provider.sync", "DoTask-02", "WARNING", "Providers Sync Delayed: ['Sales GovCloud - 4 hours, Real-Time Refresh On']"},
		{"jibe.provider.sync", "DoTask-27", "WARNING", "Providers No Longer Sync Delayed: ['Eng Cloud']"},
		{"jibe.provider.sync", "DoTask-27", "WARNING", "Providers Still Sync Delayed: ['Sales GovCloud - 1 days, Real-Time Refresh On']"},
		{"jibe.provider", "DoTask-01", "WARNING", "Bucket removed S3 Cloud/sc-bucketing (Folder Id: 323257338, Jibe Sync: False)"},
		{"jibe.provider", "DoTask-35", "WARNING", "Found New Provider - 'Shared Media'"},
		{"jibe.provider", "DoTask-35", "WARNING", "New bucket - Shared Media/sharedmedia123_logs"},
		{"jibe.provider", "DoTask-35", "WARNING", "New bucket - Shared Media/media_assets_123"},
		{"jibe.provider", "DoTask-09", "WARNING", "Start Folder Monitor 'Shared Media' - [AWSLogs]"},
		{"jibe.provider", "DoTask-09", "WARNING", "Stop Folder Monitor 'Eng Cloud' - [AWSLogs]"},
	};

	@Test
	void theSeedsWarningsReachTheChannelAndItsInfoDoesNot(@TempDir Path dir) throws Exception {
		ObjectNode json;
		try (InputStream in = getClass().getResourceAsStream("/jibe-logging.json")) {
			json = (ObjectNode) SlackMessages.JSON.readTree(in);
		}
		ByteArrayOutputStream status = new ByteArrayOutputStream();
		PrintStream realOut = System.out;
		try (SlackStandIn slack = SlackStandIn.start()) {
			((ObjectNode) json.at("/handlers/alert_slack_handler")).put("endpoint", slack.apiBase());
			ConfigLoader loader = ConfigLoader.defaults().withEnv(Map.of("SLACK_API_KEY",
					SlackSinkTest.TOKEN));
			LoggingConfig config = loader.parse(SlackMessages.JSON.writeValueAsBytes(json), "jibe-logging.json", dir);
			// the console handler writes to stdout: keep it out of the test report
			System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
			Sluice sluice = Sluice.builder().baseDirectory(dir).shutdownHook(false)
					.status(StatusLogger.to(new PrintStream(status, true, StandardCharsets.UTF_8))).build();
			sluice.apply(loader.plan(config, sluice.environment(), sluice.plan())).block(Duration.ofSeconds(30));
			for (String[] m : SEED) {
				Logger log = sluice.logger(m[0]);
				if (m[2].equals("INFO")) {
					log.info(m[3]);
				}
				else {
					log.warn(m[3]);
				}
			}
			ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(40));
			System.setOut(realOut);

			String posted = String.join("\n", slack.texts("#general"));
			for (String[] m : SEED) {
				String line = m[0] + " - " + m[2] + " - " + SlackText.escape(m[3]);
				if (m[2].equals("WARNING")) {
					assertThat(posted).contains(line);
				}
				else {
					assertThat(posted).doesNotContain(line);
				}
			}
			assertThat(slack.violations()).isEmpty();
			assertThat(slack.messages("#general").get(0).payload().get("username").asText()).isEqualTo("Jibe");
			assertThat(slack.messages("#general").get(0).payload().get("icon_emoji").asText())
					.isEqualTo(":rotating_light:");
			assertThat(report.toString()).contains("alert_slack_handler");
			assertThat(report.sinks().get("alert_slack_handler").delivered()).isEqualTo(10);
			assertThat(status.toString(StandardCharsets.UTF_8)).doesNotContain(SlackSinkTest.TOKEN);
		}
		finally {
			System.setOut(realOut);
		}
	}
}
