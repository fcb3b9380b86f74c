package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.Sluice;
import reactor.blockhound.BlockHound;

/**
 * A real server on a random port, configured by {@code sluice-test.yaml} through
 * {@code sluice.config}, with BlockHound installed for the whole run.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebFluxIntegrationTest {

	private static final int REQUESTS = 1_000;
	private static final Path LOG_FILE = Path.of("target/sluice-test/app.log");

	static {
		// the file handler appends: start from an empty file so that what is asserted is this run's
		try {
			Files.deleteIfExists(LOG_FILE);
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	Sluice sluice;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	WebTestClient client;

	@BeforeEach
	void client() {
		client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
				.responseTimeout(Duration.ofSeconds(60)).build();
	}

	@AfterAll
	static void noBlockingCalls() {
		assertThat(BlockingCalls.REPORTED).as("blocking calls BlockHound reported").isEmpty();
	}

	@Test
	void blockHoundIsInstalled() {
		assertThat(BlockHound.builder()).isNotNull();
		assertThat(reactor.core.scheduler.Schedulers.parallel().schedule(() -> { })).isNotNull();
		assertThat(reactor.core.publisher.Mono.fromCallable(() -> {
			Thread.sleep(1);
			return 1;
		}).subscribeOn(reactor.core.scheduler.Schedulers.parallel()).onErrorReturn(e -> e.toString().contains("Blocking"), -1)
				.block()).as("Thread.sleep on a parallel thread is caught").isEqualTo(-1);
		BlockingCalls.REPORTED.removeIf(s -> s.contains("sleep"));
	}

	@Test
	void sluiceIsTheLoggingSystem() {
		assertThat(LoggingSystem.get(getClass().getClassLoader())).isInstanceOf(SluiceLoggingSystem.class);
		assertThat(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("dev.sluice.slf4j");
		assertThat(sluice).isSameAs(Sluice.global());
		// Boot's own startup lines went through Sluice
		assertThat(RecordingSinkProvider.records("recording")).anySatisfy(
				r -> assertThat(r.loggerName()).startsWith("org.springframework.boot"));
	}

	@Test
	void concurrentRequestsEachCarryTheirOwnUserAndOperation() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(100);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < REQUESTS; i++) {
				int n = i;
				calls.add(pool.submit(() -> client.get().uri("/work/{n}", n)
						.headers(h -> h.setBasicAuth("user-" + n, "pw-user-" + n))
						.header("X-Request-Id", "op-" + n)
						.exchange()
						.expectStatus().isOk()
						.expectHeader().valueEquals("X-Request-Id", "op-" + n)
						.expectBody(String.class).isEqualTo("done " + n)));
			}
			for (Future<?> f : calls) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		// three app records and one access record per request
		awaitUntil(() -> byOperation().values().stream().filter(l -> l.size() >= 4).count() >= REQUESTS,
				"every request's records recorded");
		Map<String, List<LogRecord>> byOp = byOperation();
		for (int n = 0; n < REQUESTS; n++) {
			List<LogRecord> records = byOp.get("op-" + n);
			assertThat(records).as("records of op-%d", n).hasSize(4);
			for (LogRecord r : records) {
				assertThat(r.attributes().get(StandardKeys.USER)).as("%s", r).isEqualTo("user-" + n);
				assertThat(r.attributes().get(StandardKeys.ENTRY_POINT)).isEqualTo("GET /work/" + n);
			}
			assertThat(records).extracting(LogRecord::message).containsExactlyInAnyOrder("work " + n + " started",
					"work " + n + " in the chain", "work " + n + " after the hop", "GET /work/" + n + " 200 "
							+ records.stream().filter(r -> r.loggerName().equals(UnitOfWorkWebFilter.ACCESS_LOGGER))
									.findFirst().map(r -> ((Duration) r.attributes().get("Duration")).toMillis())
									.orElse(-1L) + " ms");
		}
		// one event per request (its access record), with its user and operation and no other's
		awaitUntil(() -> RecordingSinkProvider.records("events").stream()
				.filter(r -> String.valueOf(r.attributes().get(StandardKeys.OPERATION_ID)).startsWith("op-"))
				.count() >= REQUESTS, "every request's event");
		Map<Object, List<LogRecord>> events = RecordingSinkProvider.records("events").stream()
				.filter(r -> String.valueOf(r.attributes().get(StandardKeys.OPERATION_ID)).startsWith("op-"))
				.collect(Collectors.groupingBy(r -> r.attributes().get(StandardKeys.OPERATION_ID)));
		for (int n = 0; n < REQUESTS; n++) {
			List<LogRecord> e = events.get("op-" + n);
			assertThat(e).as("events of op-%d", n).hasSize(1);
			assertThat(e.get(0).attributes().get(StandardKeys.USER)).isEqualTo("user-" + n);
			assertThat(((Number) e.get(0).attributes().get("Status")).intValue()).isEqualTo(200);
			assertThat(e.get(0).attributes().get(StandardKeys.ACTIVITY_ID)).isNotNull();
		}
		// and no record of a user carries another request's operation
		for (LogRecord r : RecordingSinkProvider.records("recording")) {
			Object user = r.attributes().get(StandardKeys.USER);
			if (user != null && user.toString().startsWith("user-")) {
				assertThat(r.attributes().get(StandardKeys.OPERATION_ID))
						.isEqualTo("op-" + user.toString().substring("user-".length()));
			}
		}
		assertThat(sluice.reports().get("recording").dropped()).isZero();
	}

	@Test
	void actuatorLoggersChangesALevelAtRunTime() {
		String name = TestApp.WorkController.LOGGER;
		client.get().uri("/actuator/loggers/{name}", name).exchange().expectStatus().isOk()
				.expectBody().jsonPath("$.effectiveLevel").isEqualTo("INFO");
		call("before", 1);
		client.post().uri("/actuator/loggers/{name}", name).contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"configuredLevel\":\"DEBUG\"}").exchange().expectStatus().isNoContent();
		client.get().uri("/actuator/loggers/{name}", name).exchange().expectStatus().isOk()
				.expectBody().jsonPath("$.configuredLevel").isEqualTo("DEBUG")
				.jsonPath("$.effectiveLevel").isEqualTo("DEBUG");
		assertThat(sluice.logger(name).effectiveLevel()).isEqualTo(Level.DEBUG);
		call("after", 2);
		awaitUntil(() -> byOperation().getOrDefault("level-after", List.of()).size() >= 5, "records of level-after");
		assertThat(byOperation().get("level-before")).extracting(LogRecord::level).doesNotContain(Level.DEBUG);
		assertThat(byOperation().get("level-after")).filteredOn(r -> r.level().equals(Level.DEBUG))
				.extracting(LogRecord::message).containsExactly("work 2 details");
		// reset: back to inheriting INFO from the root
		client.post().uri("/actuator/loggers/{name}", name).contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{}").exchange().expectStatus().isNoContent();
		assertThat(sluice.logger(name).effectiveLevel()).isEqualTo(Level.INFO);
		client.get().uri("/actuator/loggers").exchange().expectStatus().isOk()
				.expectBody().jsonPath("$.loggers.ROOT.configuredLevel").isEqualTo("INFO")
				.jsonPath("$.levels").value(levels -> assertThat(levels.toString()).contains("OFF", "FATAL", "TRACE"));
	}

	@Test
	void thePipelinesMetersShowInTheApplicationsRegistry() {
		call("meters", 4);
		awaitUntil(() -> sluice.reports().get("recording").delivered() > 0, "a delivered record");
		io.micrometer.core.instrument.FunctionCounter accepted = meters.find("sluice.ingress.records.accepted")
				.functionCounter();
		assertThat(accepted).as("mirrored ingress counter").isNotNull();
		assertThat(accepted.count()).isPositive();
		assertThat(meters.find("sluice.sink.buffer.depth").tag("sink", "file").gauge()).isNotNull();
		assertThat(meters.find("sluice.sink.delivery.latency").tag("sink", "recording").functionTimer()).isNotNull();
		assertThat(meters).isNotSameAs(sluice.environment().meterRegistry());
	}

	@Test
	void failuresAreAccessLoggedWithTheirStatus() {
		client.get().uri("/public/fail").header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
				.exchange().expectStatus().isEqualTo(503)
				.expectHeader().valueEquals("X-Request-Id", "4bf92f3577b34da6a3ce929d0e0e4736");
		awaitUntil(() -> byOperation().containsKey("4bf92f3577b34da6a3ce929d0e0e4736"), "the access record");
		LogRecord access = byOperation().get("4bf92f3577b34da6a3ce929d0e0e4736").get(0);
		assertThat(access.loggerName()).isEqualTo(UnitOfWorkWebFilter.ACCESS_LOGGER);
		assertThat(access.level()).isEqualTo(Level.ERROR);
		assertThat(((Number) access.attributes().get("Status")).intValue()).isEqualTo(503);
		assertThat(access.attributes().get("Outcome")).isEqualTo("failed");
		assertThat(access.attributes().get(StandardKeys.USER)).isNull();
		assertThat(access.attributes().get(StandardKeys.ENTRY_POINT)).isEqualTo("GET /public/fail");
	}

	@Test
	void reactorNettysOwnLoggingArrivesInTheConfiguredFile() throws Exception {
		call("netty", 3);
		awaitUntil(() -> read(LOG_FILE).contains("work 3 after the hop") && read(LOG_FILE).contains(
				" DEBUG reactor.netty.http.server.HttpServerOperations "), "reactor-netty's records in " + LOG_FILE);
		assertThat(read(LOG_FILE)).contains("INFO dev.sluice.spring.test.Work.slf4j [level-netty level] work 3 started");
	}

	private void call(String tag, int n) {
		client.get().uri("/work/{n}", n).headers(h -> h.setBasicAuth("level", "pw-level"))
				.header("X-Request-Id", "level-" + tag).exchange().expectStatus().isOk();
	}

	private static Map<String, List<LogRecord>> byOperation() {
		return RecordingSinkProvider.records("recording").stream()
				.filter(r -> r.attributes().get(StandardKeys.OPERATION_ID) != null)
				.collect(Collectors.groupingBy(r -> r.attributes().get(StandardKeys.OPERATION_ID).toString()));
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (java.io.IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** Waits for a condition the pipeline's threads make true; fails after a generous deadline. */
	private static void awaitUntil(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("gave up waiting for " + what);
			}
			Thread.onSpinWait();
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new AssertionError(e);
			}
		}
	}
}
