package dev.sluice.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code sluice} command in a JVM of its own, with this test's class path: stdout discarded, stderr to a file. */
final class CliProcess {

	private CliProcess() {
	}

	/** Starts {@code sluice args...}; its stdin is the returned process's output stream. */
	static Process start(Path stderr, String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), SluiceCli.class.getName()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectError(stderr.toFile()).redirectOutput(new File("/dev/null")).start();
	}
}
