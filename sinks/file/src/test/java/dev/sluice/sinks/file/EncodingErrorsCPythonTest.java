package dev.sluice.sinks.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.support.TextEncoder;

/**
 * A file handler's {@code encoding} and {@code errors} write the bytes CPython's
 * {@code logging.FileHandler} writes, for every error handler Python has for encoding text and
 * messages with characters of many scripts (python3 writes the reference files in the test).
 */
class EncodingErrorsCPythonTest {

	/**
	 * Accents, the euro, controls, private use, CJK, Hangul, an emoji, a combining mark, a lone
	 * surrogate. Not U+F0000 to U+F01D8 (private use): CPython's {@code namereplace} gives them the
	 * names of its alias table, which it keeps at those code points ({@code \N{NULL}} for U+F0000).
	 */
	static final List<String> MESSAGES = List.of("plain ascii", "caf\u00e9 \u00fc\u00df \u20ac5 \u2014 \u201cq\u201d",
			"\u65e5\u672c\u8a9e \u3400 \ud840\udc00", "\ud55c\uad6d\uc5b4 \uac00\ud7a3", "emoji \ud83c\udf89 \ud83d\udc4d\ud83c\udffd",
			"control \u0001 \u007f \u0085 \u200b \u00a0", "private \ue000 \udbff\udffd", "e\u0301 \u0394\u03b1 \u0416",
			"lone \udc80 surrogate", "arabic \u0627\u0644 hebrew \u05d0");

	static final List<String> ENCODINGS = List.of("ascii", "latin-1", "cp1252", "utf-8");

	@TempDir
	Path dir;

	@Test
	void writesWhatCPythonsFileHandlerWrites() throws Exception {
		assumeTrue(RotationCPythonTest.python3(), "python3 is not on the PATH: the comparison with CPython is skipped");
		Path script = Files.writeString(dir.resolve("errors.py"), String.join("\n",
				"import json, logging, sys",
				"messages = json.load(open(sys.argv[1], encoding='utf-8'))",
				"for enc in " + pyList(ENCODINGS) + ":",
				"    for err in " + pyList(TextEncoder.PYTHON_ERRORS) + ":",
				"        h = logging.FileHandler(sys.argv[2] + '/py-%s-%s.log' % (enc, err), encoding=enc, errors=err)",
				"        h.setFormatter(logging.Formatter('%(message)s'))",
				"        h.handleError = lambda record: None  # strict: the record is not written, as Sluice drops it",
				"        for m in messages:",
				"            h.handle(logging.makeLogRecord({'msg': m, 'levelno': 20, 'levelname': 'INFO'}))",
				"        h.close()", ""));
		StringBuilder json = new StringBuilder("[");
		for (String m : MESSAGES) {
			json.append(json.length() > 1 ? "," : "").append('"');
			m.chars().forEach(c -> json.append(String.format("\\u%04x", c)));
			json.append('"');
		}
		Path messages = Files.writeString(dir.resolve("messages.json"), json.append(']'));
		Process p = new ProcessBuilder("python3", script.toString(), messages.toString(), dir.toString())
				.redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();

		FileSinks sinks = new FileSinks(new MutableClock(Instant.parse("2026-12-08T00:00:00Z").toEpochMilli(), ZoneOffset.UTC), dir);
		List<String> differences = new ArrayList<>();
		for (String enc : ENCODINGS) {
			for (String err : TextEncoder.PYTHON_ERRORS) {
				String name = enc + "-" + err + ".log";
				FileSink sink = sinks.create("file", Map.of("filename", "java-" + name, "encoding", enc, "errors", err));
				Batch b = FileSinks.batch(MESSAGES.toArray(new String[0]));
				sink.write(b).block();
				sink.close().block();
				byte[] java = Files.readAllBytes(dir.resolve("java-" + name));
				byte[] python = Files.readAllBytes(dir.resolve("py-" + name));
				if (!Arrays.equals(java, python)) {
					differences.add(name + ":\n  CPython: " + new String(python, StandardCharsets.ISO_8859_1)
							+ "\n  Sluice:  " + new String(java, StandardCharsets.ISO_8859_1));
				}
			}
		}
		assertThat(differences).isEmpty();
	}

	private static String pyList(List<String> names) {
		return "[" + String.join(", ", names.stream().map(n -> "'" + n + "'").toList()) + "]";
	}
}
