package dev.sluice.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.testkit.VirtualRunner;
import dev.sluice.testkit.SlackMessage;
import dev.sluice.testkit.SlackStandIn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A template that keeps coming faster than the channel's pace, across many messages, is grouped
 * over the window ("... (x600 in 60 s)"), on virtual time; every record is counted in a line.
 */
class SlackBurstTest {

	private static final Pattern COUNT = Pattern.compile(" \\(x(\\d+) in (\\d+) s\\)$");

	private VirtualTimeScheduler vts;
	private VirtualRunner runner;
	private SlackStandIn slack;
	private final ByteArrayOutputStream statusBytes = new ByteArrayOutputStream();

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
		Map<String, Object> options = new HashMap<>(Map.of("api_key", SlackSinkTest.TOKEN, "channel", "#general",
				"endpoint", slack.apiBase()));
		options.putAll(extra);
		SinkEnvironment env = new SinkEnvironment(runner.clock,
				StatusLogger.to(new PrintStream(statusBytes, true, StandardCharsets.UTF_8)), Path.of("."),
				new SimpleMeterRegistry());
		SinkSpec spec = new SinkSpec("alert_slack_handler", "slack", SinkOptions.of(options),
				PythonFormatter.of("%(levelname)s - %(message)s"), env);
		SlackSink s = new SlackSinkProvider().create(spec, vts);
		runner.sink(s, s::callsInFlight);
		runner.diagnostics = () -> "requests " + slack.requests() + ", messages " + slack.messages().size()
				+ ", status: " + statusBytes.toString(StandardCharsets.UTF_8);
		return s;
	}

	private static LogRecord delayed(Instant t, int i) {
		return LogRecord.builder(Level.WARNING, "jibe.provider.sync", "Providers Sync Delayed: ['{}']")
				.arguments("Eng Cloud - " + i).time(t).build();
	}

	/** Every line of every message: its count (1 without a suffix) and its span in seconds (0 without). */
	private List<long[]> lines() {
		List<long[]> out = new ArrayList<>();
		for (SlackMessage m : slack.messages("#general")) {
			for (String line : m.text().split("\n")) {
				Matcher c = COUNT.matcher(line);
				out.add(c.find() ? new long[] {Long.parseLong(c.group(1)), Long.parseLong(c.group(2))}
						: new long[] {1, 0});
			}
		}
		return out;
	}

	@Test
	void aTemplateComingTenTimesASecondForTwoMinutesIsOneLinePerWindow() {
		sink(Map.of());
		Instant t0 = runner.clock.instant();
		int n = 1_300; // 130 s of one warning every 100 ms
		for (int i = 0; i < n; i++) {
			runner.offerAtItsTime(delayed(t0.plusMillis(i * 100L), i));
		}
		runner.drain(n, Duration.ofMinutes(10));

		List<SlackMessage> messages = slack.messages("#general");
		List<long[]> lines = lines();
		assertThat(lines.stream().mapToLong(l -> l[0]).sum()).isEqualTo(n);
		assertThat(runner.dropped()).isZero();
		// without grouping across messages this would be one message a second (about 130)
		assertThat(messages).hasSizeLessThanOrEqualTo(6);
		assertThat(lines).anySatisfy(l -> {
			assertThat(l[0]).isBetween(590L, 600L);
			assertThat(l[1]).isEqualTo(60L);
		});
		assertThat(messages.get(messages.size() - 2).text()).matches(
				"WARNING - Providers Sync Delayed: \\['Eng Cloud - \\d+'\\] \\(x\\d+ in 60 s\\)");
		for (int i = 1; i < messages.size(); i++) {
			assertThat(Duration.between(messages.get(i - 1).receivedAt(), messages.get(i).receivedAt()))
					.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		}
		assertThat(slack.violations()).isEmpty();
		assertThat(slack.rateLimited()).isZero();
	}

	@Test
	void aTemplateRepeatedSlowerThanThePaceIsNoBurstAndIsPostedAtOnce() {
		sink(Map.of());
		Instant t0 = runner.clock.instant();
		for (int i = 0; i < 5; i++) {
			runner.offerAtItsTime(delayed(t0.plusSeconds(5L * i), i));
		}
		runner.drain(5, Duration.ofMinutes(10));

		List<SlackMessage> messages = slack.messages("#general");
		assertThat(messages).hasSize(5);
		for (int i = 0; i < 5; i++) {
			assertThat(messages.get(i).receivedAt()).isEqualTo(t0.plusSeconds(5L * i));
		}
	}

	@Test
	void whenTheBatchTurnsUrgentAHoldEndsAndTheRestGoesOutAtThePace() {
		sink(Map.of());
		Instant t0 = runner.clock.instant();
		int n = 100; // 10 s of one warning every 100 ms
		for (int i = 0; i < n; i++) {
			runner.offerAtItsTime(delayed(t0.plusMillis(i * 100L), i));
		}
		// the third message carries the burst and holds the write until the window's end (t0 + 60 s);
		// at t0 + 15 s the pipeline shuts down: the runner marks the batch urgent
		vts.schedule(runner::retire, 15, TimeUnit.SECONDS);
		runner.drain(n, Duration.ofMinutes(2));

		List<SlackMessage> messages = slack.messages("#general");
		assertThat(lines().stream().mapToLong(l -> l[0]).sum()).isEqualTo(n);
		assertThat(messages).hasSize(4);
		assertThat(messages.get(3).receivedAt()).isEqualTo(t0.plusSeconds(15));
		assertThat(messages.get(3).text()).matches(".* \\(x\\d+ in \\d+ s\\)");
		assertThat(runner.dropped()).isZero();
		assertThat(slack.violations()).isEmpty();
	}

	@Test
	void withTheWindowOffEachPaceGetsItsMessage() {
		sink(Map.of("group_window", 0));
		Instant t0 = runner.clock.instant();
		int n = 100; // 10 s of one warning every 100 ms
		for (int i = 0; i < n; i++) {
			runner.offerAtItsTime(delayed(t0.plusMillis(i * 100L), i));
		}
		runner.drain(n, Duration.ofMinutes(10));

		assertThat(lines().stream().mapToLong(l -> l[0]).sum()).isEqualTo(n);
		assertThat(slack.messages("#general")).hasSizeGreaterThanOrEqualTo(9);
		assertThat(slack.violations()).isEmpty();
	}
}
