package dev.sluice.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.testkit.SlackStandIn;

/**
 * A flush or a shutdown during a burst, through a real pipeline on real time: the burst's hold
 * (60 s, the default window) ends at once, the grouped line is posted at the channel's pace and
 * every record is delivered. Without the urgency signal both would wait out the window, longer
 * than the deadlines here.
 */
class SlackDrainTest {

	private static final java.util.regex.Pattern COUNT = BurstLines.COUNT;
	private static final String HANDLER = "alert_slack_handler";

	private SlackStandIn slack;
	private Sluice sluice;
	private Logger log;
	private final ByteArrayOutputStream status = new ByteArrayOutputStream();

	@BeforeEach
	void start(@TempDir Path dir) {
		slack = SlackStandIn.start(Clock.systemUTC(), Duration.ofMillis(100), 3);
		sluice = Sluice.builder().baseDirectory(dir).shutdownHook(false)
				.status(StatusLogger.to(new PrintStream(status, true, StandardCharsets.UTF_8))).build();
		SinkSpec spec = new SinkSpec(HANDLER, "slack",
				SinkOptions.of(Map.of("api_key", SlackSinkTest.TOKEN, "channel", "#general", "endpoint",
						slack.apiBase(), "pace", "200ms")),
				PythonFormatter.of("%(levelname)s - %(message)s"), sluice.environment());
		RoutingPlan plan = RoutingPlan.builder().root(LoggerSpec.of(Level.WARNING, HANDLER))
				.handler(HandlerSpec.of(HANDLER, () -> new SlackSinkProvider().create(spec))).build();
		sluice.apply(plan).block(Duration.ofSeconds(30));
		log = sluice.logger("jibe.provider.sync");
	}

	@AfterEach
	void stop() {
		sluice.shutdown(Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
		slack.close();
	}

	/** One warning posted alone, then a burst of it: the burst's message holds its write. */
	private void burst(int n) {
		log.warn("Providers Sync Delayed: ['{}']", "Eng Cloud - 0");
		sluice.flush().block(Duration.ofSeconds(20));
		for (int i = 1; i <= n; i++) {
			log.warn("Providers Sync Delayed: ['{}']", "Eng Cloud - " + i);
		}
	}

	private long linesCounted() {
		return BurstLines.records(slack.texts("#general"));
	}

	@Test
	void aFlushDuringABurstReturnsWithEverythingPosted() {
		burst(20);
		sluice.flush().block(Duration.ofSeconds(20));
		log.warn("Stop Folder Monitor 'Eng Cloud' - [AWSLogs]");
		sluice.flush().block(Duration.ofSeconds(20));

		assertThat(linesCounted()).isEqualTo(22);
		List<String> texts = slack.texts("#general");
		assertThat(texts).anyMatch(t -> COUNT.matcher(t.split("\n")[0]).find());
		assertThat(texts.get(texts.size() - 1)).contains("Stop Folder Monitor");
		SinkReport r = sluice.reports().get(HANDLER);
		assertThat(r.delivered()).isEqualTo(22);
		assertThat(r.dropped()).isZero();
		assertThat(slack.violations()).isEmpty();
	}

	@Test
	void aShutdownDuringABurstDeliversEveryRecordAndPostsTheGroupedLine() {
		burst(20);
		for (int i = 21; i <= 30; i++) {
			log.warn("Providers Sync Delayed: ['{}']", "Eng Cloud - " + i);
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(20)).block(Duration.ofSeconds(30));

		assertThat(report.deadlineReached()).isFalse();
		assertThat(report.sink(HANDLER).delivered()).isEqualTo(31);
		assertThat(report.sink(HANDLER).dropped()).isZero();
		assertThat(linesCounted()).isEqualTo(31);
		assertThat(slack.texts("#general")).anyMatch(t -> COUNT.matcher(t).find());
		assertThat(slack.violations()).isEmpty();
	}
}
