package dev.sluice.sinks.slack;

import dev.sluice.testkit.ProviderChecks;
import dev.sluice.testkit.VirtualRunner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.testkit.SlackMessage;
import dev.sluice.testkit.SlackStandIn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The Slack sink against the Slack stand-in, on virtual time. */
class SlackSinkTest {

	static final String TOKEN = "xoxb-91872398123-098123987123-KHSQRKQHWEQWEEWQ";

	private VirtualTimeScheduler vts;
	private VirtualRunner runner;
	private SlackStandIn slack;
	private final ByteArrayOutputStream statusBytes = new ByteArrayOutputStream();
	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
	private final List<LogRecord> fallback = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() {
		vts = VirtualTimeScheduler.create();
		vts.advanceTimeTo(Instant.parse("2026-11-23T10:00:00Z"));
		runner = new VirtualRunner(vts);
		slack = SlackStandIn.start(runner.clock);
	}

	@AfterEach
	void stop() {
		slack.close();
		vts.dispose();
	}

	private SlackSink sink(Map<String, Object> extra) {
		Map<String, Object> options = new HashMap<>(Map.of("api_key", TOKEN, "channel", "#general",
				"endpoint", slack.apiBase()));
		options.putAll(extra);
		SinkEnvironment env = new SinkEnvironment(runner.clock,
				StatusLogger.to(new PrintStream(statusBytes, true, StandardCharsets.UTF_8)), Path.of("."), registry,
				name -> fallback::addAll);
		SinkSpec spec = new SinkSpec("alert_slack_handler", "src.slack_log_handler.SlackLogHandler",
				SinkOptions.of(options), PythonFormatter.of("%(name)s - %(levelname)s - %(message)s"), env);
		SlackSink s = new SlackSinkProvider().create(spec, vts);
		runner.sink(s, s::callsInFlight);
		runner.diagnostics = () -> "requests " + slack.requests() + ", messages " + slack.messages().size()
				+ ", status: " + status() + ", violations " + slack.violations();
		return s;
	}

	private String status() {
		return statusBytes.toString(StandardCharsets.UTF_8);
	}

	private LogRecord warning(String template, Instant t, Object... args) {
		return LogRecord.builder(Level.WARNING, "jibe.provider.sync", template).arguments(args).time(t)
				.thread("DoTask-02", 2).build();
	}

	/** The records a message stands for: each line counts 1, or N when it ends with "(xN in M s)". */
	private static int recordsIn(String text) {
		return (int) BurstLines.records(List.of(text));
	}

	@Tag("fault-injection")
	@Test
	void fiveHundredWarningsInOneSecondArrivePacedGroupedAndAllAccountedFor() {
		sink(Map.of());
		Instant t0 = runner.clock.instant();
		String[] templates = {"Providers Sync Delayed: ['{}']", "New bucket - {}", "Bucket removed {}",
				"Stop Folder Monitor '{}' - [AWSLogs]", "Found New Provider - '{}'"};
		for (int i = 0; i < 500; i++) {
			runner.offerAtItsTime(warning(templates[i % templates.length], t0.plusMillis(i * 2L), "Eng Cloud " + i));
		}
		runner.drain(500, Duration.ofMinutes(5));

		List<SlackMessage> messages = slack.messages("#general");
		int accounted = 0;
		for (SlackMessage m : messages) {
			accounted += recordsIn(m.text());
			assertThat(SlackText.length(m.text())).isLessThanOrEqualTo(4_000);
		}
		assertThat(runner.records()).isEqualTo(500);
		assertThat(runner.dropped()).isZero();
		assertThat(accounted).isEqualTo(500);
		assertThat(messages.size()).isBetween(2, 10);
		for (int i = 1; i < messages.size(); i++) {
			assertThat(Duration.between(messages.get(i - 1).receivedAt(), messages.get(i).receivedAt()))
					.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		}
		assertThat(slack.violations()).isEmpty();
		assertThat(slack.rateLimited()).isZero();
		assertThat(status()).isEmpty();
	}

	@Test
	void longOutputIsCutWithAMarkerAndManyLinesAreSplitIntoPacedMessages() {
		sink(Map.of());
		Instant t0 = runner.clock.instant();
		runner.offer(warning("{}", t0, "<" + "x".repeat(10_000) + ">"));
		runner.drain(1, Duration.ofMinutes(1));
		for (int i = 0; i < 3; i++) {
			runner.offer(warning("line " + i + " {}", t0, "y".repeat(1_500)));
		}
		runner.drain(4, Duration.ofMinutes(1));

		List<SlackMessage> messages = slack.messages("#general");
		assertThat(messages).hasSize(3);
		assertThat(messages.get(0).text()).startsWith("jibe.provider.sync - WARNING - &lt;xxx").contains("… [cut ");
		assertThat(recordsIn(messages.get(1).text()) + recordsIn(messages.get(2).text())).isEqualTo(3);
		for (SlackMessage m : messages) {
			assertThat(SlackText.length(m.text())).isLessThanOrEqualTo(4_000);
		}
		assertThat(slack.violations()).isEmpty();
		assertThat(runner.dropped()).isZero();
	}

	@Test
	void theHttpClientsOwnRecordsAreNeverPostedBack() {
		sink(Map.of());
		Instant t0 = runner.clock.instant();
		runner.offer(LogRecord.builder(Level.WARNING, "reactor.netty.http.client.HttpClientConnect",
				"The connection observed an error").time(t0).build());
		runner.offer(LogRecord.builder(Level.WARNING, "io.netty.channel.DefaultChannelPipeline", "x").time(t0).build());
		runner.offer(warning("New bucket - {}", t0, "a"));
		runner.drain(3, Duration.ofMinutes(1));
		assertThat(slack.texts("#general")).containsExactly("jibe.provider.sync - WARNING - New bucket - a");
		assertThat(runner.batches().get(0).droppedByReason()).containsEntry("feedback_loop", 2);
	}

	@Tag("fault-injection")
	@Test
	void retryAfterIsHonoured() {
		sink(Map.of());
		slack.rateLimitNext(1, 7);
		Instant t0 = runner.clock.instant();
		runner.offer(warning("Providers Still Sync Delayed: ['{}']", t0, "Sales GovCloud - 1 days"));
		runner.drain(1, Duration.ofMinutes(1));

		assertThat(slack.messages("#general")).hasSize(1);
		assertThat(slack.messages("#general").get(0).receivedAt()).isAfterOrEqualTo(t0.plusSeconds(7));
		assertThat(slack.requests()).isEqualTo(2);
		assertThat(slack.violations()).isEmpty();
		assertThat(runner.dropped()).isZero();
	}

	@Tag("fault-injection")
	@Test
	void serverErrorsAreRetriedWithNothingLost() {
		sink(Map.of());
		slack.failNextWithStatus(2, 503).failNext(1, "service_unavailable").dropNext(1);
		Instant t0 = runner.clock.instant();
		runner.offer(warning("Bucket removed {}", t0, "S3 Cloud/sc-bucketing"));
		runner.drain(1, Duration.ofMinutes(2));

		assertThat(slack.texts("#general")).containsExactly(
				"jibe.provider.sync - WARNING - Bucket removed S3 Cloud/sc-bucketing");
		assertThat(runner.dropped()).isZero();
		assertThat(slack.violations()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
			"channel_not_found", "not_in_channel", "is_archived", "msg_too_long", "msg_blocks_too_long",
			"invalid_blocks", "too_many_attachments", "no_text"})
	void eachPermanentErrorIsReportedOnceAndNotRetried(String code) {
		sink(Map.of());
		slack.failNext(3, code);
		Instant t0 = runner.clock.instant();
		for (int i = 0; i < 3; i++) {
			runner.offer(warning("New bucket - {} " + i, t0, "b" + i));
			runner.drain(i + 1, Duration.ofMinutes(1));
		}
		assertThat(slack.requests()).isEqualTo(3);
		assertThat(runner.dropped()).isEqualTo(3);
		assertThat(runner.batches().get(0).droppedByReason()).containsEntry("slack_" + code, 1);
		String status = status();
		assertThat(status.split("\n")).filteredOn(l -> l.contains(code)).hasSize(1);
		assertThat(status).doesNotContain(TOKEN);
		if (code.equals("not_in_channel")) {
			assertThat(status).contains("/invite @");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = {"invalid_auth", "not_in_channel", "channel_not_found"})
	void failSilentCountsButDoesNotReport(String code) {
		sink(Map.of("fail_silent", true));
		slack.failNext(3, code);
		Instant t0 = runner.clock.instant();
		for (int i = 0; i < 3; i++) {
			runner.offer(warning("New bucket - {} " + i, t0, "b" + i));
			runner.drain(i + 1, Duration.ofMinutes(1));
		}
		assertThat(status()).isEmpty();
		assertThat(runner.dropped()).isEqualTo(3);
		assertThat(registry.find("sluice.delivery.requests").tag("outcome", "failed").counter().count())
				.isEqualTo(3.0);
	}

	@Test
	void failSilentStillHandsRecordsToTheFallback() {
		sink(Map.of("fail_silent", true, "fallback", "error_file_handler"));
		slack.failNext(1, "invalid_auth");
		runner.offer(warning("New bucket - {}", runner.clock.instant(), "x"));
		runner.drain(1, Duration.ofMinutes(1));
		assertThat(fallback).hasSize(1);
		assertThat(runner.handedToFallback()).isEqualTo(1);
		assertThat(status()).isEmpty();
	}

	@Test
	void webhooksArePostedWithoutAToken() {
		SinkEnvironment env = new SinkEnvironment(runner.clock, StatusLogger.to(new PrintStream(statusBytes)),
				Path.of("."), registry);
		SinkSpec spec = new SinkSpec("hook", "slack", SinkOptions.of(Map.of("webhook_url", slack.webhookUrl("alerts"))),
				PythonFormatter.of("%(levelname)s - %(message)s"), env);
		SlackSink s = new SlackSinkProvider().create(spec, vts);
		runner.sink(s, s::callsInFlight);
		runner.offer(warning("Found New Provider - '{}'", runner.clock.instant(), "Shared Media"));
		runner.drain(1, Duration.ofMinutes(1));
		assertThat(slack.texts("alerts")).containsExactly("WARNING - Found New Provider - 'Shared Media'");
		assertThat(slack.violations()).isEmpty();
		assertThat(s.toString()).doesNotContain("services/");
	}

	@Test
	void invalidOptionsAreAllReportedWithoutTheSecret() {
		SinkSpec spec = new SinkSpec("s", "slack", SinkOptions.of(Map.of("api_key", "not-a-token-SECRET",
				"icon_emoji", "rotating_light", "chanel", "#x")), PythonFormatter.of("%(message)s"),
				SinkEnvironment.defaults());
		assertThat(ProviderChecks.rejected(new SlackSinkProvider(), spec, "SECRET")).contains("/api_key", "/channel",
				"/icon_emoji", "did you mean 'channel'");
	}

	@Test
	void theProviderIsFoundByEveryName() {
		assertThat(ProviderChecks.registeredClassNames()).contains("slacker_log_handler.SlackerLogHandler",
				"src.slack_log_handler.SlackLogHandler", "slack", "sluice.slack");
	}
}
