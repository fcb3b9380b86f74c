package dev.sluice.examples.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.sluice.pipeline.Sluice;

/**
 * The starter on Spring Boot 3.5: the application starts with Sluice as its only logging system and no
 * warning line, a request's line carries its OperationId (from X-Request-Id) on Boot's default console
 * line, and the line is written by Sluice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class Boot3ApplicationTest {

	@LocalServerPort
	int port;

	@Autowired
	Sluice sluice;

	@Test
	void runsOnBoot35AndKeepsTheOperationId(CapturedOutput output) throws InterruptedException {
		assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
				.responseTimeout(Duration.ofSeconds(30)).build();
		client.get().uri("/greet/ana").header("X-Request-Id", "boot3-op-1").exchange().expectStatus().isOk()
				.expectBody(String.class).isEqualTo("hello ana");
		sluice.flush().block(Duration.ofSeconds(30));
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!output.getOut().contains("greeting ana") && System.nanoTime() < deadline) {
			Thread.sleep(10); // the line is written on the console sink's thread
		}
		assertThat(output.getOut()).contains("[boot3-op-1] dev.sluice.examples.boot3.Boot3Applicati")
				.contains(": greeting ana");
		assertThat(output.getAll()).doesNotContain("SLF4J(W)").doesNotContain("SLF4J: ");
	}

	/** Boot 3.5's own WebClient.Builder carries the OperationId to the next service. */
	@Test
	void aWebClientCallKeepsTheOperationId() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
				.responseTimeout(Duration.ofSeconds(30)).build();
		client.get().uri("/forward").header("X-Request-Id", "boot3-fwd-1").exchange().expectStatus().isOk()
				.expectBody(String.class).isEqualTo("boot3-fwd-1");
	}
}
