package dev.sluice.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The example as its README shows it: requests in, lines in the log file and the events file. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {

	private static final Path LOGS = Path.of(System.getenv().getOrDefault("EXAMPLE_LOG_DIR", "target/logs"));

	static {
		try {
			Files.deleteIfExists(LOGS.resolve("example.log"));
			Files.deleteIfExists(LOGS.resolve("events.log"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Autowired
	dev.sluice.pipeline.Sluice sluice;

	@Test
	void requestsLeaveLinesAndEvents() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
				.responseTimeout(Duration.ofSeconds(30)).build();
		client.get().uri("/orders/42").header("X-Request-Id", "demo-1").exchange().expectStatus().isOk()
				.expectBody().jsonPath("$.stock").isEqualTo(42 * 7 % 50);
		client.get().uri("/orders/113").header("X-Request-Id", "demo-2").exchange().expectStatus().is5xxServerError();
		client.post().uri("/orders/7/cancel").header("X-Request-Id", "demo-3").exchange().expectStatus()
				.isEqualTo(409);
		awaitUntil(() -> read("events.log").contains("OperationId=demo-3"), "the events");
		String events = read("events.log");
		assertThat(events)
				.contains("INFO monitor EntryPoint=GET /orders/42 OperationId=demo-1 User= Duration=PT")
				.contains(" - Checked the inventory for order 42")
				.contains("INFO system EntryPoint=GET /orders/42 OperationId=demo-1 User= Duration=PT")
				.contains(" - GET /orders/42 200 ")
				.contains("ERROR monitor EntryPoint=GET /orders/113 OperationId=demo-2 User= Duration=PT")
				.contains(" - Failed to check the inventory for order 113")
				.contains("ERROR system EntryPoint=GET /orders/113 OperationId=demo-2")
				.contains("INFO system EntryPoint=POST /orders/7/cancel OperationId=demo-3 User= Duration=PT");
		// and the same five events in the event log's database
		awaitUntil(() -> sluice.reports().containsKey("eventlog") && sluice.reports().get("eventlog").delivered() >= 5,
				"the event store");
		assertThat(sluice.reports().get("eventlog").dropped()).isZero();
		awaitUntil(() -> read("example.log").contains("order 7 cannot be cancelled"), "the log lines");
		String log = read("example.log");
		assertThat(log).contains("INFO dev.sluice.examples.webflux.OrderController GET /orders/42 op=demo-1 user= - "
				+ "looking up order 42")
				.contains("INFO example.orders GET /orders/42 op=demo-1 user= - inventory answered for order 42: 44 in stock")
				.contains("ERROR example.orders GET /orders/113 op=demo-2 user= - Failed to check the inventory")
				.contains("inventory has no record of SKU 113")
				.contains("Started ExampleApplicationTest");
	}

	private static String read(String name) {
		try {
			Path p = LOGS.resolve(name);
			return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Waits for the sinks' threads to write; fails after a generous deadline. */
	private static void awaitUntil(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("gave up waiting for " + what);
			}
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
