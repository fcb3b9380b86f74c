package dev.sluice.sinks.bugsnag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.testkit.BugsnagStandIn;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The Bugsnag sink in a running pipeline: units of work in Reactor chains, and unhandled errors. */
class BugsnagPipelineTest {

	private BugsnagStandIn bugsnag;
	private Sluice sluice;
	private final ByteArrayOutputStream status = new ByteArrayOutputStream();

	@BeforeEach
	void start() {
		bugsnag = BugsnagStandIn.start();
		sluice = Sluice.builder().shutdownHook(false)
				.status(StatusLogger.to(new PrintStream(status, true, StandardCharsets.UTF_8))).build();
	}

	@AfterEach
	void stop() {
		sluice.close();
		bugsnag.close();
	}

	private void plan(Map<String, Object> extra) {
		Map<String, Object> options = new HashMap<>(Map.of("api_key", BugsnagSinkTest.KEY,
				"endpoint", bugsnag.notifyUrl(), "project_packages", List.of("dev.sluice.sinks.bugsnag")));
		options.putAll(extra);
		SinkSpec spec = new SinkSpec("bugsnag", "bugsnag.handlers.BugsnagHandler", SinkOptions.of(options),
				PythonFormatter.of("%(message)s"), sluice.environment());
		BugsnagSinkProvider provider = new BugsnagSinkProvider();
		RoutingPlan plan = RoutingPlan.builder()
				.root(LoggerSpec.of(Level.INFO, "bugsnag"))
				.handler(HandlerSpec.of("bugsnag", () -> provider.create(spec)))
				.build();
		sluice.apply(plan).block(Duration.ofSeconds(30));
	}

	@Test
	void eachOfAHundredConcurrentUnitsGetsItsOwnContextUserAndBreadcrumbs() {
		plan(Map.of());
		Logger log = sluice.logger("integrates.orgs");
		Flux.range(0, 100)
				.flatMap(i -> log.reactive().info("unit {} started", i)
						.then(Mono.delay(Duration.ofMillis(ThreadLocalRandom.current().nextInt(5))))
						.then(log.reactive().info("unit {} loaded", i))
						.publishOn(Schedulers.parallel())
						.then(log.reactive().warn("unit {} slow", i))
						.then(log.atError().cause(new IllegalStateException("unit " + i + " failed"))
								.mono("could not add organization {}", i))
						.contextWrite(StandardKeys.operationId("op-" + i))
						.contextWrite(StandardKeys.user("user-" + i))
						.contextWrite(StandardKeys.entryPoint("POST /orgs/" + i)), 100)
				.blockLast(Duration.ofSeconds(30));
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(40));

		List<JsonNode> events = bugsnag.events();
		assertThat(events).hasSize(100);
		for (JsonNode e : events) {
			String message = e.get("exceptions").get(0).get("message").asText();
			String unit = message.replaceAll("unit (\\d+) failed", "$1");
			assertThat(e.get("context").asText()).isEqualTo("POST /orgs/" + unit);
			assertThat(e.get("user").get("id").asText()).isEqualTo("user-" + unit);
			List<String> crumbs = new ArrayList<>();
			e.get("breadcrumbs").forEach(c -> crumbs.add(c.get("name").asText()));
			assertThat(crumbs).containsExactly("unit " + unit + " started", "unit " + unit + " loaded",
					"unit " + unit + " slow");
			assertThat(e.get("unhandled").asBoolean()).isFalse();
		}
		assertThat(bugsnag.violations()).isEmpty();
		assertThat(report.sink("bugsnag").dropped()).isZero();
	}

	@Test
	void anUnhandledErrorInAReactorChainIsReportedAndStillReachesThePreviousHandlers() {
		List<Throwable> previous = new CopyOnWriteArrayList<>();
		Hooks.onErrorDropped(previous::add);
		try {
			plan(Map.of("auto_notify", true));
			Mono.error(new IllegalArgumentException("nobody handles me"))
					.publishOn(Schedulers.parallel())
					.subscribe();
			// the error is dropped on a parallel thread: wait (bounded) until the sink has its report, so
			// that the shutdown below does not race it
			long deadline = System.nanoTime() + 30_000_000_000L;
			while (sluice.reports().get("bugsnag").received() == 0 && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			sluice.logger("integrates").info("after the error");
			ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(40));

			assertThat(bugsnag.events()).hasSize(1);
			JsonNode e = bugsnag.events().get(0);
			assertThat(e.get("unhandled").asBoolean()).isTrue();
			assertThat(e.get("severity").asText()).isEqualTo("error");
			assertThat(e.get("severityReason").get("type").asText()).isEqualTo("unhandledException");
			assertThat(e.get("exceptions").get(0).get("errorClass").asText())
					.isEqualTo("java.lang.IllegalArgumentException");
			assertThat(e.get("metaData").get("unhandled").get("caughtBy").asText()).contains("onErrorDropped");
			assertThat(previous).hasSize(1);
			assertThat(bugsnag.violations()).isEmpty();
			assertThat(report.sink("bugsnag").dropped()).isZero();
		}
		finally {
			Hooks.resetOnErrorDropped();
		}
	}

	@Test
	void anUncaughtExceptionIsReportedAndThePreviousHandlerStillRuns() throws Exception {
		Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
		List<Throwable> previous = new CopyOnWriteArrayList<>();
		Thread.UncaughtExceptionHandler mine = (t, e) -> previous.add(e);
		Thread.setDefaultUncaughtExceptionHandler(mine);
		try {
			plan(Map.of("auto_notify", true));
			Thread worker = new Thread(() -> {
				throw new IllegalStateException("worker died");
			}, "worker-1");
			worker.start();
			worker.join();
			sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(40));

			assertThat(previous).singleElement().extracting(Throwable::getMessage).isEqualTo("worker died");
			assertThat(bugsnag.events()).hasSize(1);
			JsonNode e = bugsnag.events().get(0);
			assertThat(e.get("unhandled").asBoolean()).isTrue();
			assertThat(e.get("metaData").get("log").get("thread").asText()).isEqualTo("worker-1");
			// the sink's close disarmed the hooks and gave the previous handler back
			assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(mine);
		}
		finally {
			Thread.setDefaultUncaughtExceptionHandler(before);
		}
	}

	@Test
	void withoutAutoNotifyNoHookIsInstalled() {
		Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
		plan(Map.of());
		assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
	}
}
