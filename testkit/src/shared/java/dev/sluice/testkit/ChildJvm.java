package dev.sluice.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code main} class in a JVM of its own, with this test's class path, for tests of what only a fresh JVM
 * shows (class initialisation order, exit hooks). The wait is bounded: a JVM that hangs is killed after a thread
 * dump, so a deadlock fails the test with what waits on what instead of hanging the build.
 */
public final class ChildJvm {

	/** How a child JVM ended: whether it exited by itself, its exit value, its output (and a thread dump if hung). */
	public record Outcome(boolean exited, int exitValue, String output) {
	}

	private ChildJvm() {
	}

	/**
	 * Runs {@code main} with {@code args} and waits at most {@code timeoutSeconds}.
	 *
	 * @param dir where the output (and a thread dump of a hung JVM) are written
	 */
	public static Outcome run(Class<?> main, Path dir, long timeoutSeconds, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
				.toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
		command.addAll(List.of(args));
		Path out = dir.resolve(main.getSimpleName() + ".out.txt");
		Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
		boolean exited = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
		String dump = "";
		if (!exited) {
			dump = threadDump(p.pid(), dir.resolve(main.getSimpleName() + ".jstack.txt"));
			p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		String output = Files.readString(out, StandardCharsets.UTF_8) + dump;
		return new Outcome(exited, exited ? p.exitValue() : -1, output);
	}

	/** The threads of the JVM {@code pid}, so that a failure shows what waits on what. */
	public static String threadDump(long pid, Path file) throws IOException, InterruptedException {
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
