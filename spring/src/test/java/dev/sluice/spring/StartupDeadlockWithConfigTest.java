package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.sluice.testkit.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first thing a JVM does is touch Reactor's {@code Hooks} with this provider on the class
 * path and {@code sluice.config} naming a file: Reactor's class initialization logs through SLF4J,
 * which builds Sluice's global pipeline and applies the file. That build must not wait for a thread that needs a class the main thread is initializing. Runs
 * in its own JVM so that a deadlock fails the test (bounded wait) instead of hanging the build.
 */
class StartupDeadlockWithConfigTest {

	@Test
	void touchingHooksFirstWithAConfigFileDoesNotDeadlock(@TempDir Path dir) throws Exception {
		ChildJvm.Outcome run = ChildJvm.run(HooksFirstConfigMain.class, dir, 60, dir.toString());
		String output = run.output();
		boolean exited = run.exited();
		assertThat(exited).as("the JVM exited by itself within 60 s; output:%n%s", output).isTrue();
		assertThat(run.exitValue()).as(output).isZero();
		assertThat(output).contains("MAIN-DONE");
		assertThat(Files.readAllLines(dir.resolve("app.log"), StandardCharsets.UTF_8)).as(output)
				.contains("INFO startup started after Hooks");
	}
}
