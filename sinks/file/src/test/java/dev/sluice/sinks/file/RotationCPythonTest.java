package dev.sluice.sinks.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same timeline of records on a virtual clock, through CPython's rotating handlers (with
 * {@code time.time} replaced by the timeline's clock) and through the file sinks: the same files,
 * with the same names and the same bytes. Covers every {@code when}, intervals, backupCount
 * pruning, atTime, utc both ways, DST changes in both directions, weekly days, a restart from an
 * existing file's mtime, and size rollover on records whose byte and character lengths differ.
 */
class RotationCPythonTest {

	static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
	static final ObjectMapper JSON = new ObjectMapper();

	record Scenario(String name, String handler, Map<String, Object> kwargs, double start, List<Object[]> events,
			Map<String, Object> preexisting) {
		@Override
		public String toString() {
			return name;
		}
	}

	static double at(String instant) {
		return Instant.parse(instant).toEpochMilli() / 1000.0;
	}

	static Map<String, Object> kw(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			m.put((String) kv[i], kv[i + 1]);
		}
		return m;
	}

	/** {@code count} records, {@code step} seconds apart, the first {@code first} seconds after start. */
	static List<Object[]> every(double start, double first, double step, int count) {
		List<Object[]> events = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			double t = Math.round((start + first + i * step) * 1000) / 1000.0;
			events.add(new Object[] {t, "record " + i + " at " + t});
		}
		return events;
	}

	static Scenario timed(String name, Map<String, Object> kwargs, String start, double step, int count) {
		double s = at(start);
		return new Scenario(name, "timed", kwargs, s, every(s, step / 2, step, count), null);
	}

	static List<Scenario> scenarios() {
		List<Scenario> all = new ArrayList<>();
		all.add(timed("S interval 1", kw("when", "S", "backupCount", 3), "2020-07-29T10:00:00.200Z", 0.7, 10));
		all.add(timed("S interval 5 no pruning", kw("when", "s", "interval", 5), "2020-07-29T10:00:00.900Z", 1.9, 12));
		all.add(timed("M interval 2", kw("when", "M", "interval", 2, "backupCount", 2), "2020-07-29T10:00:30Z", 50, 12));
		all.add(timed("H across spring DST", kw("when", "H", "backupCount", 4), "2020-03-28T22:30:00Z", 1200, 15));
		all.add(timed("h interval 3 across autumn DST", kw("when", "h", "interval", 3), "2020-10-24T22:10:00Z", 2400, 12));
		all.add(timed("D", kw("when", "D", "backupCount", 3), "2020-07-29T10:00:00Z", 7 * 3600, 20));
		all.add(timed("midnight across spring DST", kw("when", "midnight", "backupCount", 5), "2020-03-26T12:00:00Z",
				5 * 3600, 30));
		all.add(timed("midnight utc across autumn DST", kw("when", "midnight", "utc", true, "backupCount", 3),
				"2020-10-22T12:00:00Z", 5 * 3600, 30));
		all.add(timed("MIDNIGHT atTime 02:30 across autumn DST", kw("when", "MIDNIGHT", "atTime", "02:30:00",
				"backupCount", 2), "2020-10-23T12:00:00Z", 4 * 3600, 30));
		all.add(timed("midnight atTime 23:15 utc", kw("when", "midnight", "atTime", "23:15:00", "utc", true),
				"2020-07-29T12:00:00Z", 4 * 3600, 20));
		all.add(timed("midnight interval 2", kw("when", "midnight", "interval", 2, "backupCount", 2),
				"2020-07-29T12:00:00Z", 9 * 3600, 20));
		for (int d = 0; d <= 6; d++) {
			all.add(timed("W" + d + " across autumn DST", kw("when", (d % 2 == 0 ? "W" : "w") + d, "backupCount", 2),
					"2020-10-10T12:00:00Z", 19 * 3600, 40));
		}
		all.add(timed("W2 atTime 12:00 utc", kw("when", "W2", "atTime", "12:00:00", "utc", true), "2020-10-10T12:00:00Z",
				23 * 3600, 30));
		all.add(timed("W5 atTime 01:00 across spring DST", kw("when", "W5", "atTime", "01:00:00"), "2020-03-10T12:00:00Z",
				23 * 3600, 30));

		double restart = at("2020-07-29T10:00:00Z");
		all.add(new Scenario("Midnight restart from an old file's mtime", "timed", kw("when", "Midnight", "backupCount", 3),
				restart, every(restart, 10, 6 * 3600, 10),
				kw("content", "written before the restart\n", "mtime", (long) restart - 3 * 86400)));
		all.add(new Scenario("H restart from a recent file's mtime", "timed", kw("when", "H"), restart,
				every(restart, 10, 600, 10), kw("content", "earlier\n", "mtime", (long) restart - 1800)));

		Random rnd = new Random(7);
		String[] pieces = {"a", "bc", "é", "日本", "🎉", " ", "%", "{}", "xyz"};
		for (int[] size : new int[][] {{100, 3}, {64, 0}, {50, 2}, {37, 5}}) {
			List<Object[]> events = new ArrayList<>();
			for (int i = 0; i < 60; i++) {
				StringBuilder m = new StringBuilder("r" + i + " ");
				int n = rnd.nextInt(8);
				for (int k = 0; k < n; k++) {
					m.append(pieces[rnd.nextInt(pieces.length)]);
				}
				events.add(new Object[] {restart + i, m.toString()});
			}
			all.add(new Scenario("size maxBytes " + size[0] + " backupCount " + size[1], "rotating",
					kw("maxBytes", size[0], "backupCount", size[1]), restart, events,
					size[0] == 50 ? kw("content", "thirty bytes of earlier text\n", "mtime", (long) restart) : null));
		}
		return all;
	}

	@TempDir
	static Path pyRoot;
	static boolean pythonRan;

	/** Runs every scenario through CPython once, each into its own directory (one python3 start). */
	@BeforeAll
	static void runCPython() throws Exception {
		if (!python3()) {
			return;
		}
		List<Scenario> all = scenarios();
		List<Map<String, Object>> input = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			Scenario sc = all.get(i);
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("dir", Files.createDirectory(pyRoot.resolve("py" + i)).toString());
			m.put("handler", sc.handler());
			m.put("kwargs", sc.kwargs());
			m.put("start", sc.start());
			m.put("preexisting", sc.preexisting());
			m.put("events", sc.events());
			input.add(m);
		}
		Path inFile = pyRoot.resolve("input.json");
		JSON.writeValue(inFile.toFile(), input);
		Path script = pyRoot.resolve("cpython_rotation.py");
		try (InputStream in = RotationCPythonTest.class.getResourceAsStream("cpython_rotation.py")) {
			Files.write(script, in.readAllBytes());
		}
		ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), inFile.toString()).redirectErrorStream(true);
		pb.environment().put("TZ", ZONE.getId());
		Process p = pb.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as("python3: %s", out).isTrue();
		assertThat(out).as("CPython reported an error").isEmpty();
		pythonRan = true;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void rotatesAsCPythonDoes(Scenario sc, @TempDir Path java) throws Exception {
		assumeTrue(pythonRan, "python3 is not on the PATH: the comparison with CPython's rotating handlers is skipped");
		Path py = pyRoot.resolve("py" + scenarios().stream().map(Scenario::name).toList().indexOf(sc.name()));
		MutableClock clock = new MutableClock(Math.round(sc.start() * 1000), ZONE);
		if (sc.preexisting() != null) {
			Path base = java.resolve("app.log");
			Files.writeString(base, (String) sc.preexisting().get("content"));
			Files.setLastModifiedTime(base, FileTime.from(((Number) sc.preexisting().get("mtime")).longValue(),
					TimeUnit.SECONDS));
		}
		FileSinks sinks = new FileSinks(clock, java);
		Map<String, Object> options = new LinkedHashMap<>(sc.kwargs());
		options.put("filename", "app.log");
		FileSink sink = sinks.create(sc.handler().equals("timed") ? "logging.handlers.TimedRotatingFileHandler"
				: "logging.handlers.RotatingFileHandler", options);
		for (Object[] e : sc.events()) {
			clock.setSeconds((Double) e[0]);
			sink.write(FileSinks.batch((String) e[1])).block();
		}
		sink.close().block();
		assertThat(sinks.status()).isEmpty();
		Map<String, String> expected = FileSinks.files(py);
		boolean neverRotates = sc.handler().equals("rotating") && Integer.valueOf(0).equals(sc.kwargs().get("backupCount"));
		assertThat(expected.size()).as("files CPython wrote: the scenario must rotate").isGreaterThan(neverRotates ? 0 : 1);
		assertThat(FileSinks.files(java)).isEqualTo(expected);
	}

	static boolean python3() {
		try {
			Process p = new ProcessBuilder("python3", "-c", "import logging.handlers").redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
		}
		catch (IOException e) {
			return false;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}
}
