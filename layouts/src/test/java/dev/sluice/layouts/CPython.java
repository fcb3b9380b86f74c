package dev.sluice.layouts;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs {@code cpython_format.py} with the {@code python3} on the PATH: the reference formatter. */
final class CPython {

	static final ObjectMapper JSON = new ObjectMapper();

	private CPython() {
	}

	/** Skips the calling test, with a message saying why, when python3 cannot be run. */
	static void assumeAvailable() {
		boolean ok;
		try {
			Process p = new ProcessBuilder("python3", "-c", "import logging").redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (IOException e) {
			ok = false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			ok = false;
		}
		assumeTrue(ok, "python3 is not on the PATH: the byte-for-byte comparison with CPython's logging is skipped");
	}

	/** Runs the script on {@code input} with the environment additions {@code env}; returns its JSON answer. */
	static JsonNode run(Path dir, Object input, Map<String, String> env) throws Exception {
		Path script = dir.resolve("cpython_format.py");
		try (InputStream in = CPython.class.getResourceAsStream("cpython_format.py")) {
			Files.write(script, in.readAllBytes());
		}
		Path inFile = dir.resolve("input.json");
		JSON.writeValue(inFile.toFile(), input);
		ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), inFile.toString());
		pb.environment().putAll(env);
		pb.environment().put("PYTHONIOENCODING", "utf-8");
		pb.redirectError(dir.resolve("stderr.txt").toFile());
		Process p = pb.start();
		byte[] out = p.getInputStream().readAllBytes();
		if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new AssertionError("python3 failed: " + Files.readString(dir.resolve("stderr.txt")));
		}
		return JSON.readTree(new String(out, StandardCharsets.UTF_8));
	}
}
