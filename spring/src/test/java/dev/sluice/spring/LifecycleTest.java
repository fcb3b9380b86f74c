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
 * The starter's life cycle in a real application, in a JVM of its own ({@link LifecycleApp}):
 * editing the {@code sluice.config} file while the application runs changes the next records
 * (level and format), and closing the application context drains the pipeline, so every record
 * logged right before the close is in the file afterwards; then the JVM exits by itself.
 */
class LifecycleTest {

	@TempDir
	Path dir;

	@Test
	void theConfigFileIsFollowedAndClosingTheContextDrainsEveryRecord() throws Exception {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Path out = dir.resolve("out.txt");
		Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				classPath, LifecycleApp.class.getName(), dir.toString())
				.redirectErrorStream(true).redirectOutput(out.toFile()).start();
		boolean exited = app.waitFor(180, TimeUnit.SECONDS);
		if (!exited) {
			app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		String output = Files.readString(out, StandardCharsets.UTF_8);
		assertThat(exited).as("the application's JVM exited by itself after the context closed:%n%s", output).isTrue();
		assertThat(app.exitValue()).as(output).isZero();
		assertThat(output).contains("context closed");

		List<String> lines = Files.readAllLines(dir.resolve("app.log"), StandardCharsets.UTF_8);
		assertThat(lines).contains("OLD INFO lifecycle before reload", "NEW DEBUG lifecycle after reload")
				.doesNotContain("OLD DEBUG lifecycle hidden before reload");
		long burst = lines.stream().filter(l -> l.startsWith("NEW INFO lifecycle burst ")).count();
		assertThat(burst).as("records logged right before the context closed").isEqualTo(LifecycleApp.BURST);
		assertThat(lines).contains("NEW INFO lifecycle burst 0", "NEW INFO lifecycle burst " + (LifecycleApp.BURST - 1));
	}
}
