package dev.sluice.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.sluice.testkit.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first thing a JVM does is touch Reactor's {@code Hooks} with this provider on the class
 * path: Reactor's class initialization logs through SLF4J, which builds Sluice's global pipeline.
 * That build must not wait for a thread that needs a class the main thread is initializing. Runs
 * in its own JVM so that a deadlock fails the test (bounded wait) instead of hanging the build.
 */
class StartupDeadlockTest {

	@Test
	void touchingHooksFirstDoesNotDeadlock(@TempDir Path dir) throws Exception {
		ChildJvm.Outcome run = ChildJvm.run(HooksFirstMain.class, dir, 60);
		String output = run.output();
		boolean exited = run.exited();
		assertThat(exited).as("the JVM exited by itself within 60 s; output:%n%s", output).isTrue();
		assertThat(run.exitValue()).as(output).isZero();
		assertThat(output).contains("MAIN-DONE").contains("started after Hooks");
	}
}
