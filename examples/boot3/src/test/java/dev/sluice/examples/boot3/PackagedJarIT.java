package dev.sluice.examples.boot3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * The application as it is shipped, {@code java -jar} of Boot's executable jar: Boot's
 * {@code logging.config=classpath:logging.yaml} loads the dictConfig from inside the jar, the request's
 * line carries its OperationId in that format, and no warning line is printed.
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
		Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				jar.toString(), "--server.port=0", "--logging.config=classpath:logging.yaml")
				.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
		try {
			int port = Integer.parseInt(await(app, out, PORT).group(1));
			HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
					URI.create("http://localhost:" + port + "/greet/jar")).header("X-Request-Id", "jar-op-1")
					.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).isEqualTo("hello jar");
			await(app, out, Pattern.compile("YAML INFO dev\\.sluice\\.examples\\.boot3\\.Boot3Application op=jar-op-1 - greeting jar"));
		}
		finally {
			app.destroy();
			if (!app.waitFor(30, TimeUnit.SECONDS)) {
				app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
		String text = read(out);
		assertThat(text).doesNotContain("SLF4J(W)").doesNotContain("Exception in thread");
	}

	private static Matcher await(Process app, Path out, Pattern pattern) throws InterruptedException, IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			Matcher m = pattern.matcher(read(out));
			if (m.find()) {
				return m;
			}
			if (!app.isAlive()) {
				throw new AssertionError("the application exited:\n" + read(out));
			}
			Thread.sleep(50); // the child writes on its own
		}
		throw new AssertionError("no line matching " + pattern + " within 120 s:\n" + read(out));
	}

	private static String read(Path file) throws IOException {
		return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
	}
}
