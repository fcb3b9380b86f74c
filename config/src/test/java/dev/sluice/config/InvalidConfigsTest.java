package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.sluice.pipeline.sink.options.ConfigProblem;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each file under {@code src/test/resources/invalid} is rejected with exactly the problems that
 * {@code invalid/expected.txt} lists for it ({@code file TAB pointer TAB message}, in order).
 */
class InvalidConfigsTest {

	private static final Map<String, String> ENV = Map.of("PRESENT", "x");

	static Path dir() {
		try {
			return Path.of(InvalidConfigsTest.class.getResource("/invalid/expected.txt").toURI()).getParent();
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	static Map<String, List<String>> expected() throws IOException {
		Map<String, List<String>> m = new LinkedHashMap<>();
		for (String line : Files.readAllLines(dir().resolve("expected.txt"), StandardCharsets.UTF_8)) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] parts = line.split("\t", 3);
			if (parts.length != 3) {
				throw new IllegalStateException("expected.txt: not file TAB pointer TAB message: " + line);
			}
			m.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1] + "\t" + parts[2]);
		}
		return m;
	}

	static Stream<String> files() throws IOException {
		try (Stream<Path> s = Files.list(dir())) {
			return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("expected.txt")).sorted().toList().stream();
		}
	}

	@Test
	void thereAreAtLeastFiftyAndEachHasExpectations() throws IOException {
		List<String> files = files().toList();
		assertThat(files).hasSizeGreaterThanOrEqualTo(50);
		assertThat(expected().keySet()).containsExactlyInAnyOrderElementsOf(files);
	}

	@Tag("fault-injection")
	@ParameterizedTest(name = "{0}")
	@MethodSource("files")
	void isRejectedWithExactlyTheExpectedProblems(String name) throws IOException {
		Path file = dir().resolve(name);
		List<String> actual = new ArrayList<>();
		try {
			ConfigLoader.defaults().withEnv(ENV).read(file);
			fail(name + " was accepted");
		}
		catch (InvalidConfigException e) {
			for (ConfigProblem p : e.problems()) {
				assertThat(p.location()).startsWith(file + ":");
				actual.add(p.location().substring(file.toString().length() + 1) + "\t" + p.message());
			}
			assertThat(e.getMessage()).doesNotContain("12345678");
		}
		record(name, actual);
		assertThat(actual).as(name).containsExactlyElementsOf(expected().getOrDefault(name, List.of()));
	}

	/** Writes what was found to target/invalid-actual.txt, to review when adding a case. */
	private static synchronized void record(String name, List<String> actual) throws IOException {
		Path out = Path.of("target", "invalid-actual.txt");
		StringBuilder sb = new StringBuilder();
		for (String a : actual) {
			sb.append(name).append('\t').append(a).append('\n');
		}
		Files.writeString(out, sb, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
				java.nio.file.StandardOpenOption.APPEND);
	}
}
