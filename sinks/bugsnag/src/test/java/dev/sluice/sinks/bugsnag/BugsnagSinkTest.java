package dev.sluice.sinks.bugsnag;

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

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.context.Attributes;
import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.testkit.BugsnagStandIn;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The Bugsnag sink against the Bugsnag stand-in, on virtual time. */
class BugsnagSinkTest {

	static final String KEY = BugsnagEventsTest.KEY;

	private VirtualTimeScheduler vts;
	private VirtualRunner runner;
	private BugsnagStandIn bugsnag;
	private final ByteArrayOutputStream statusBytes = new ByteArrayOutputStream();
	private final List<LogRecord> fallback = new CopyOnWriteArrayList<>();

	@BeforeEach
	void start() {
		vts = VirtualTimeScheduler.create();
		vts.advanceTimeTo(Instant.parse("2026-11-23T10:00:00Z"));
		runner = new VirtualRunner(vts);
		bugsnag = BugsnagStandIn.start(runner.clock, KEY);
	}

	@AfterEach
	void stop() {
		bugsnag.close();
		vts.dispose();
	}

	private BugsnagSink sink(Map<String, Object> extra) {
		Map<String, Object> options = new HashMap<>(Map.of("api_key", KEY, "endpoint", bugsnag.notifyUrl(),
				"project_packages", List.of("dev.sluice")));
		options.putAll(extra);
		SinkEnvironment env = new SinkEnvironment(runner.clock,
				StatusLogger.to(new PrintStream(statusBytes, true, StandardCharsets.UTF_8)), Path.of("."),
				new SimpleMeterRegistry(), name -> fallback::addAll);
		SinkSpec spec = new SinkSpec("bugsnag", "bugsnag.handlers.BugsnagHandler", SinkOptions.of(options),
				PythonFormatter.of("%(message)s"), env);
		BugsnagSink s = new BugsnagSinkProvider().create(spec, vts);
		runner.sink(s, s::callsInFlight);
		runner.diagnostics = () -> "requests " + bugsnag.requests() + ", events " + bugsnag.events().size()
				+ ", status: " + status() + ", violations " + bugsnag.violations();
		return s;
	}

	private String status() {
		return statusBytes.toString(StandardCharsets.UTF_8);
	}

	private LogRecord error(String op, String message, Instant t) {
		return LogRecord.builder(Level.ERROR, "integrates.api", message).thrown(new IllegalStateException(message))
				.attributes(Attributes.of(StandardKeys.OPERATION_ID, op)).time(t).build();
	}

	@Test
	void aHandledErrorIsReportedWithTheBreadcrumbsOfItsUnit() {
		sink(Map.of());
		Instant t = runner.clock.instant();
		for (int i = 0; i < 30; i++) {
			runner.offer(LogRecord.builder(Level.INFO, "integrates.api", "step {}").arguments(i)
					.attributes(Attributes.of(StandardKeys.OPERATION_ID, i % 2 == 0 ? "op-a" : "op-b")).time(t).build());
		}
		runner.offer(LogRecord.builder(Level.DEBUG, "integrates.api", "too low").attributes(
				Attributes.of(StandardKeys.OPERATION_ID, "op-a")).time(t).build());
		runner.offer(error("op-a", "organization not added", t));
		runner.drain(32, Duration.ofMinutes(1));

		assertThat(bugsnag.events()).hasSize(1);
		JsonNode e = bugsnag.events().get(0);
		List<String> names = new ArrayList<>();
		e.get("breadcrumbs").forEach(c -> names.add(c.get("name").asText()));
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 30; i += 2) {
			expected.add("step " + i);
		}
		assertThat(names).isEqualTo(expected);
		assertThat(e.get("exceptions").get(0).get("message").asText()).isEqualTo("organization not added");
		assertThat(bugsnag.violations()).isEmpty();
		assertThat(runner.dropped()).isZero();
	}

	@Test
	void recordsOutsideAnyUnitOfWorkLeaveNoBreadcrumbsAndGetNone() {
		sink(Map.of());
		Instant t = runner.clock.instant();
		runner.offer(LogRecord.builder(Level.INFO, "integrates.boot", "no unit").time(t).build());
		runner.offer(LogRecord.builder(Level.INFO, "integrates.api", "in op").attributes(
				Attributes.of(StandardKeys.OPERATION_ID, "op")).time(t).build());
		runner.offer(LogRecord.builder(Level.ERROR, "integrates.boot", "no unit failed")
				.thrown(new IllegalStateException("no unit failed")).time(t).build());
		runner.offer(error("op", "op failed", t));
		runner.drain(4, Duration.ofMinutes(1));

		assertThat(bugsnag.events()).hasSize(2);
		for (JsonNode e : bugsnag.events()) {
			List<String> names = new ArrayList<>();
			e.get("breadcrumbs").forEach(c -> names.add(c.get("name").asText()));
			boolean unitless = e.get("exceptions").get(0).get("message").asText().equals("no unit failed");
			assertThat(names).as("breadcrumbs of %s", e.get("exceptions").get(0).get("message"))
					.isEqualTo(unitless ? List.of() : List.of("in op"));
		}
		assertThat(runner.dropped()).isZero();
	}

	@Test
	void atMostMaxBreadcrumbsAreKeptTheLatest() {
		sink(Map.of("max_breadcrumbs", 5));
		Instant t = runner.clock.instant();
		for (int i = 0; i < 12; i++) {
			runner.offer(LogRecord.builder(Level.WARNING, "x", "w" + i).attributes(
					Attributes.of(StandardKeys.OPERATION_ID, "op")).time(t).build());
		}
		runner.offer(error("op", "boom", t));
		runner.drain(13, Duration.ofMinutes(1));
		List<String> names = new ArrayList<>();
		bugsnag.events().get(0).get("breadcrumbs").forEach(c -> names.add(c.get("name").asText()));
		assertThat(names).containsExactly("w7", "w8", "w9", "w10", "w11");
	}

	@Test
	void anOversizedEventIsTrimmedAndAccepted() {
		sink(Map.of());
		Instant t = runner.clock.instant();
		for (int i = 0; i < 25; i++) {
			runner.offer(LogRecord.builder(Level.INFO, "x", "crumb").attributes(Attributes.of(StandardKeys.OPERATION_ID,
					"op", "blob", "z".repeat(100_000))).time(t).build());
		}
		runner.offer(LogRecord.builder(Level.ERROR, "x", "huge").thrown(new RuntimeException("r"))
				.attributes(Attributes.of(StandardKeys.OPERATION_ID, "op", "dump", "d".repeat(1_500_000))).time(t)
				.build());
		runner.drain(26, Duration.ofMinutes(1));
		assertThat(bugsnag.events()).hasSize(1);
		assertThat(bugsnag.violations()).isEmpty();
		assertThat(bugsnag.events().get(0).get("metaData").get("sluice").get("trimmed").asText())
				.contains("breadcrumbs").contains("metaData");
	}

	@Tag("fault-injection")
	@Test
	void aThirtySecondOutageLosesNothing() {
		sink(Map.of());
		Instant t0 = runner.clock.instant();
		bugsnag.goDownUntil(t0.plusSeconds(30));
		for (int i = 0; i < 20; i++) {
			runner.offerAtItsTime(error("op-" + i, "error " + i, t0.plusMillis(i * 1_000L)));
		}
		runner.drain(20, Duration.ofMinutes(5));
		assertThat(bugsnag.events()).hasSize(20);
		assertThat(runner.dropped()).isZero();
		assertThat(fallback).isEmpty();
		assertThat(bugsnag.violations()).isEmpty();
		assertThat(runner.clock.instant()).isAfterOrEqualTo(t0.plusSeconds(30));
	}

	@Tag("fault-injection")
	@Test
	void aThirtySecondOutageWithAFallbackAccountsForEveryRecord() {
		sink(Map.of("fallback", "error_file_handler", "breaker_failures", 3));
		Instant t0 = runner.clock.instant();
		bugsnag.goDownUntil(t0.plusSeconds(30));
		for (int i = 0; i < 20; i++) {
			runner.offerAtItsTime(error("op-" + i, "error " + i, t0.plusMillis(i * 3_000L)));
		}
		runner.drain(20, Duration.ofMinutes(5));
		assertThat(bugsnag.events().size() + fallback.size()).isEqualTo(20);
		assertThat(runner.handedToFallback()).isEqualTo(fallback.size());
		assertThat(runner.dropped()).isZero();
		assertThat(fallback).isNotEmpty();
		assertThat(bugsnag.events()).isNotEmpty();
		assertThat(bugsnag.violations()).isEmpty();
	}

	@Test
	void theHttpClientsOwnRecordsAreNeverSentBack() {
		sink(Map.of());
		runner.offer(LogRecord.builder(Level.ERROR, "reactor.netty.http.client.HttpClientConnect", "reset")
				.thrown(new java.io.IOException("Connection reset by peer")).time(runner.clock.instant()).build());
		runner.drain(1, Duration.ofMinutes(1));
		assertThat(bugsnag.requests()).isZero();
		assertThat(runner.batches().get(0).droppedByReason()).containsEntry("feedback_loop", 1);
	}

	@Tag("fault-injection")
	@Test
	void tooManyRequestsHonoursRetryAfter() {
		sink(Map.of());
		bugsnag.rateLimitNext(1, 9);
		Instant t0 = runner.clock.instant();
		runner.offer(error("op", "e", t0));
		runner.drain(1, Duration.ofMinutes(1));
		assertThat(bugsnag.events()).hasSize(1);
		assertThat(runner.clock.instant()).isAfterOrEqualTo(t0.plusSeconds(9));
		assertThat(bugsnag.violations()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = {400, 401, 413})
	void permanentAnswersAreReportedOnceAndNotRetried(int status) {
		sink(Map.of());
		bugsnag.failNext(3, status);
		Instant t = runner.clock.instant();
		for (int i = 0; i < 3; i++) {
			runner.offer(error("op", "e" + i, t));
			runner.drain(i + 1, Duration.ofMinutes(1));
		}
		assertThat(bugsnag.requests()).isEqualTo(3);
		assertThat(runner.dropped()).isEqualTo(3);
		assertThat(status().split("\n")).filteredOn(l -> l.contains("HTTP " + status)).hasSize(1);
		assertThat(status()).doesNotContain(KEY);
	}

	@Test
	void releaseStagesNotNotifiedAreCountedNotSent() {
		sink(Map.of("release_stage", "development", "notify_release_stages", List.of("production")));
		runner.offer(error("op", "e", runner.clock.instant()));
		runner.drain(1, Duration.ofMinutes(1));
		assertThat(bugsnag.requests()).isZero();
		assertThat(runner.batches().get(0).droppedByReason()).containsEntry(BugsnagSink.NOT_NOTIFIED, 1);
	}

	@Test
	void invalidOptionsAreAllReportedWithoutTheSecret() {
		SinkSpec spec = new SinkSpec("b", "bugsnag", SinkOptions.of(Map.of("api_key", "SECRET-not-hex",
				"max_breadcrumbs", 500, "endpoint", "ftp://x", "redacted_key", List.of("a"))),
				PythonFormatter.of("%(message)s"), SinkEnvironment.defaults());
		assertThat(ProviderChecks.rejected(new BugsnagSinkProvider(), spec, "SECRET")).contains("/api_key",
				"/max_breadcrumbs", "/endpoint", "did you mean 'redacted_keys'");
	}

	@Test
	void theProviderIsFoundByEveryName() {
		assertThat(ProviderChecks.registeredClassNames()).contains("bugsnag.handlers.BugsnagHandler", "bugsnag",
				"sluice.bugsnag");
	}
}
