package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.failedstart.FailedStartApp;
import dev.sluice.testkit.ChildJvm;

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
		ChildJvm.Outcome app = ChildJvm.run(FailedStartApp.class, dir, 180, dir.toString());
		String output = app.output();
		assertThat(app.exited()).as("the JVM exited after the failed start:%n%s", output).isTrue();
		assertThat(app.exitValue()).as(output).isNotZero();
		assertThat(output).doesNotContain("logged after shutdown");
		String log = Files.readString(dir.resolve("app.log"), StandardCharsets.UTF_8);
		assertThat(log).contains("FILE ERROR org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter")
				.contains("APPLICATION FAILED TO START").contains(FailedStartApp.Missing.class.getName());
	}
}
