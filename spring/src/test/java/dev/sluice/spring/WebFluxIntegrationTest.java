package dev.sluice.spring;

import static dev.sluice.spring.Records.awaitUntil;
import static dev.sluice.spring.Records.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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

	private static final Path LOG_FILE = Path.of("target/sluice-test/app.log");

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
	void aWebClientCallCarriesTheOperationToTheNextService() {
		String seen = client.get().uri("/public/forward").header("X-Request-Id", "forwarded-op-1").exchange()
				.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		assertThat(seen).isEqualTo("forwarded-op-1");
		String fresh = client.get().uri("/public/forward").exchange().expectStatus().isOk().expectBody(String.class)
				.returnResult().getResponseBody();
		assertThat(fresh).as("a new operation started by the first service is the second's too").isNotBlank()
				.isNotEqualTo("null").isNotEqualTo("forwarded-op-1");
	}

	/** As Netty's access log: the remote address, the user agent and the response's body bytes. */
	@Test
	void theAccessRecordHasTheRemoteAddressUserAgentAndBytes() {
		client.get().uri("/public/forward").header("X-Request-Id", "access-fields-1").header("User-Agent", "curl/8.5.0")
				.exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("access-fields-1");
		// the endpoint calls the application again with the same operation: its access record is the outer one
		java.util.function.Predicate<LogRecord> outer = r -> r.loggerName().equals(UnitOfWorkWebFilter.ACCESS_LOGGER)
				&& "GET /public/forward".equals(r.attributes().get(StandardKeys.ENTRY_POINT));
		awaitUntil(() -> byOperation().getOrDefault("access-fields-1", List.of()).stream().anyMatch(outer),
				"the access record");
		LogRecord access = byOperation().get("access-fields-1").stream().filter(outer).findFirst().orElseThrow();
		assertThat(access.attributes().get(UnitOfWorkWebFilter.REMOTE_ADDRESS)).isEqualTo("127.0.0.1");
		assertThat(access.attributes().get(UnitOfWorkWebFilter.USER_AGENT)).isEqualTo("curl/8.5.0");
		assertThat(((Number) access.attributes().get(UnitOfWorkWebFilter.BYTES)).longValue())
				.isEqualTo("access-fields-1".length());
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
		awaitUntil(() -> byOperation().getOrDefault("level-after", List.of()).size() >= 7, "records of level-after");
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
	void loggingLevelPropertiesSetSluiceLevels() {
		assertThat(sluice.logger("dev.sluice.spring.test.Quiet").effectiveLevel()).isEqualTo(Level.ERROR);
		assertThat(sluice.logger("dev.sluice.spring.test.Quiet.child").isEnabled(Level.WARNING)).isFalse();
		client.get().uri("/actuator/loggers/{name}", "dev.sluice.spring.test.Quiet").exchange().expectStatus().isOk()
				.expectBody().jsonPath("$.configuredLevel").isEqualTo("ERROR");
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

	/** Spring's own error line for an unhandled failure carries the request's context, as the app's lines do. */
	@Test
	void springsErrorHandlerLineCarriesTheOperation() {
		client.get().uri("/public/boom").header("X-Request-Id", "boom-op-1").exchange().expectStatus().isEqualTo(500);
		java.util.function.Predicate<LogRecord> errorLine = r -> r.loggerName().contains("ErrorWebExceptionHandler");
		awaitUntil(() -> RecordingSinkProvider.records(Records.RECORDS).stream().anyMatch(errorLine.and(r -> r.message().contains("/public/boom"))),
				"Spring's error line");
		LogRecord line = RecordingSinkProvider.records(Records.RECORDS).stream().filter(errorLine.and(r -> r.message().contains("/public/boom")))
				.findFirst().orElseThrow();
		assertThat(line.level()).isEqualTo(Level.ERROR);
		assertThat(line.attributes().get(StandardKeys.OPERATION_ID)).as(line.toString()).isEqualTo("boom-op-1");
		assertThat(line.attributes().get(StandardKeys.ENTRY_POINT)).isEqualTo("GET /public/boom");
	}

	/** Spring Security runs before the unit of work's user is known; its records still carry the operation. */
	@Test
	void springSecuritysLinesCarryTheOperation() {
		sluice.setLevel("org.springframework.security", Level.DEBUG);
		try {
			client.get().uri("/work/{n}", 9).header("X-Request-Id", "security-op-1").exchange().expectStatus().isUnauthorized();
		}
		finally {
			sluice.setLevel("org.springframework.security", null);
		}
		java.util.function.Predicate<LogRecord> security = r -> r.loggerName().startsWith("org.springframework.security");
		awaitUntil(() -> byOperation().getOrDefault("security-op-1", List.of()).stream().anyMatch(security),
				"Spring Security's records of the request");
		assertThat(byOperation().get("security-op-1")).filteredOn(security)
				.allSatisfy(r -> assertThat(r.attributes().get(StandardKeys.ENTRY_POINT)).isEqualTo("GET /work/9"));
	}

	@Test
	void reactorNettysOwnLoggingArrivesInTheConfiguredFile() throws Exception {
		// the file handler appends, and other test classes share the application: look only at
		// what this request added
		int from = read(LOG_FILE).length();
		call("netty", 3);
		awaitUntil(() -> read(LOG_FILE).substring(from).contains("work 3 after the hop")
				&& read(LOG_FILE).substring(from).contains(" DEBUG reactor.netty.http.server.HttpServerOperations "),
				"reactor-netty's records in " + LOG_FILE);
		assertThat(read(LOG_FILE).substring(from))
				.contains("INFO dev.sluice.spring.test.Work.slf4j [level-netty level] work 3 started");
	}

	private void call(String tag, int n) {
		client.get().uri("/work/{n}", n).headers(h -> h.setBasicAuth("level", "pw-level"))
				.header("X-Request-Id", "level-" + tag).exchange().expectStatus().isOk();
	}

	private static Map<String, List<LogRecord>> byOperation() {
		return Records.byOperation(Records.RECORDS);
	}
}
