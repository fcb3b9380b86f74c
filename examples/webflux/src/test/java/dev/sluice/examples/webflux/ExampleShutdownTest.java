package dev.sluice.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example as a user runs it, in a JVM of its own: it starts, serves a request, and on SIGTERM
 * (what Ctrl-C, {@code docker stop} and {@code kill} send) drains its logs and exits by itself,
 * with the request's lines in the log file.
 */
class ExampleShutdownTest {

	private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");

	@TempDir
	Path dir;

	@Test
	void theServiceDrainsAndExitsOnSigterm() throws Exception {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Path out = dir.resolve("out.txt");
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classPath, ExampleApplication.class.getName(), "--server.port=0")
				.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
		builder.environment().put("EXAMPLE_LOG_DIR", dir.resolve("logs").toString());
		Process app = builder.start();
		try {
			int port = Integer.parseInt(awaitOutput(app, out, PORT).group(1));
			HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
					URI.create("http://localhost:" + port + "/orders/42")).header("X-Request-Id", "sigterm-1")
					.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);

			app.destroy(); // SIGTERM
			// a deadline for a hang, well below Boot's graceful-shutdown phase (30 s) plus Sluice's drain (10 s)
			boolean exited = app.waitFor(25, TimeUnit.SECONDS);
			assertThat(exited).as("the JVM exited after SIGTERM:%n%s", read(out)).isTrue();
			assertThat(app.exitValue()).as(read(out)).isEqualTo(143); // 128 + SIGTERM, as the JVM reports it
		}
		finally {
			if (app.isAlive()) {
				app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
		// exit hooks ran to their end (a status line written during the exit once failed Spring's)
		assertThat(read(out)).doesNotContain("Exception in thread");
		String log = read(dir.resolve("logs/example.log"));
		assertThat(log).contains("op=sigterm-1 user= - looking up order 42")
				.contains("INFO example.orders GET /orders/42 op=sigterm-1 user= - inventory answered for order 42");
		assertThat(read(dir.resolve("logs/events.log"))).contains("OperationId=sigterm-1")
				.contains(" - GET /orders/42 200 ");
	}

	/** Waits (at most 120 s) until the process's output matches {@code pattern}; fails if it exits first. */
	static Matcher awaitOutput(Process app, Path out, Pattern pattern) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			Matcher m = pattern.matcher(read(out));
			if (m.find()) {
				return m;
			}
			if (!app.isAlive()) {
				throw new AssertionError("the example exited before it started:\n" + read(out));
			}
			Thread.sleep(50);
		}
		throw new AssertionError("the example did not start within two minutes:\n" + read(out));
	}

	static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
