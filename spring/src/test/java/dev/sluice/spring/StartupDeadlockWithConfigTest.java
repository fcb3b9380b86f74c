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
 * The first thing a JVM does is touch Reactor's {@code Hooks} with this provider on the class
 * path and {@code sluice.config} naming a file: Reactor's class initialization logs through SLF4J,
 * which builds Sluice's global pipeline and applies the file. That build must not wait for a thread that needs a class the main thread is initializing. Runs
 * in its own JVM so that a deadlock fails the test (bounded wait) instead of hanging the build.
 */
class StartupDeadlockWithConfigTest {

	@Test
	void touchingHooksFirstWithAConfigFileDoesNotDeadlock(@TempDir Path dir) throws Exception {
		Path out = dir.resolve("out.txt");
		Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), HooksFirstConfigMain.class.getName(), dir.toString()))
				.redirectErrorStream(true).redirectOutput(out.toFile()).start();
		boolean exited = p.waitFor(60, TimeUnit.SECONDS);
		String dump = "";
		if (!exited) {
			dump = threadDump(p.pid(), dir.resolve("jstack.txt"));
			p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		String output = Files.readString(out, StandardCharsets.UTF_8) + dump;
		assertThat(exited).as("the JVM exited by itself within 60 s; output:%n%s", output).isTrue();
		assertThat(p.exitValue()).as(output).isZero();
		assertThat(output).contains("MAIN-DONE");
		assertThat(Files.readAllLines(dir.resolve("app.log"), StandardCharsets.UTF_8)).as(output)
				.contains("INFO startup started after Hooks");
	}

	/** The hung JVM's threads, so that a failure shows what waits on what. */
	private static String threadDump(long pid, Path file) throws Exception {
		Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
		if (!Files.isExecutable(jstack)) {
			return "(no jstack in " + jstack.getParent() + ")";
		}
		Process j = new ProcessBuilder(jstack.toString(), Long.toString(pid)).redirectErrorStream(true)
				.redirectOutput(file.toFile()).start();
		if (!j.waitFor(30, TimeUnit.SECONDS)) {
			j.destroyForcibly();
		}
		return Files.readString(file, StandardCharsets.UTF_8);
	}
}
