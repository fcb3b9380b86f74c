package dev.sluice.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example as it is shipped, {@code java -jar} of Boot 4's executable jar: its
 * {@code sluice.config=classpath:logging.yaml} is read from inside the jar (once: a resource in a jar
 * is not watched), the request's line reaches the configured file with its OperationId, and no
 * warning line is printed.
 */
class PackagedJarIT {

	private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");

	@TempDir
	Path dir;

	@Test
	void theJarLoadsItsClasspathDictConfig() throws Exception {
		Path jar = Path.of(System.getProperty("app.jar"));
		assertThat(jar).exists();
		Path out = dir.resolve("out.txt");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString(), "--server.port=0")
				.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
		builder.environment().put("EXAMPLE_LOG_DIR", dir.resolve("logs").toString());
		Process app = builder.start();
		try {
			int port = Integer.parseInt(ExampleShutdownTest.awaitOutput(app, out, PORT).group(1));
			HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
					URI.create("http://localhost:" + port + "/orders/42")).header("X-Request-Id", "jar-op-4")
					.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (!ExampleShutdownTest.read(dir.resolve("logs/example.log")).contains("op=jar-op-4") && System.nanoTime() < deadline) {
				Thread.sleep(50); // the file is written on its sink's thread, in the child
			}
		}
		finally {
			app.destroy();
			if (!app.waitFor(30, TimeUnit.SECONDS)) {
				app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
		assertThat(ExampleShutdownTest.read(dir.resolve("logs/example.log"))).contains("op=jar-op-4 user= - looking up order 42");
		assertThat(ExampleShutdownTest.read(out)).contains("classpath:logging.yaml").doesNotContain("SLF4J(W)")
				.doesNotContain("Exception in thread");
	}
}
