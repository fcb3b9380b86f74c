package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM exits while a Boot application runs ({@link ExitHookApp}): Boot's shutdown hook owns
 * the pipeline's shutdown, so the lines logged while the context closes (Boot's graceful-shutdown
 * lines) are in the file after exit, not dropped by the pipeline's own hook stopping it first.
 */
class ExitHookTest {

	@TempDir
	Path dir;

	@Test
	void linesLoggedWhileTheContextClosesAtExitAreDelivered() throws Exception {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Path out = dir.resolve("out.txt");
		Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				classPath, ExitHookApp.class.getName(), dir.toString())
				.redirectErrorStream(true).redirectOutput(out.toFile()).start();
		boolean exited = app.waitFor(180, TimeUnit.SECONDS);
		if (!exited) {
			app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		String output = Files.readString(out, StandardCharsets.UTF_8);
		assertThat(exited).as("the application's JVM exited by itself:%n%s", output).isTrue();
		assertThat(app.exitValue()).as(output).isZero();
		assertThat(output).contains("exiting");

		List<String> lines = Files.readAllLines(dir.resolve("app.log"), StandardCharsets.UTF_8);
		assertThat(lines).as(output).contains("INFO exit started",
				"INFO org.springframework.boot.web.server.GracefulShutdown Commencing graceful shutdown. Waiting for active requests to complete",
				"INFO org.springframework.boot.web.server.GracefulShutdown Graceful shutdown complete");
	}
}
