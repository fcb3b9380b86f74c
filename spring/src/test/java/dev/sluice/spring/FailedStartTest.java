package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.failedstart.FailedStartApp;

/**
 * Boot reports a failed start after it has cleaned the logging system up: the report ("APPLICATION
 * FAILED TO START", the description, the action) still goes through the configured handlers, not
 * to stderr as records logged after shutdown.
 */
class FailedStartTest {

	@TempDir
	Path dir;

	@Test
	void bootsFailureReportReachesTheConfiguredFile() throws Exception {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Path out = dir.resolve("out.txt");
		Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				classPath, FailedStartApp.class.getName(), dir.toString())
				.redirectErrorStream(true).redirectOutput(out.toFile()).start();
		boolean exited = app.waitFor(180, TimeUnit.SECONDS);
		if (!exited) {
			app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		String output = Files.readString(out, StandardCharsets.UTF_8);
		assertThat(exited).as("the JVM exited after the failed start:%n%s", output).isTrue();
		assertThat(app.exitValue()).as(output).isNotZero();
		assertThat(output).doesNotContain("logged after shutdown");
		String log = Files.readString(dir.resolve("app.log"), StandardCharsets.UTF_8);
		assertThat(log).contains("FILE ERROR org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter")
				.contains("APPLICATION FAILED TO START").contains(FailedStartApp.Missing.class.getName());
	}
}
