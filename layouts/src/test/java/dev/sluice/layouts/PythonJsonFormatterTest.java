package dev.sluice.layouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;

/**
 * python-json-logger's JsonFormatter, compared byte for byte with the real one (Debian's
 * python3-pythonjsonlogger, 2.0): the fields of the format, renamed fields, extras with their
 * Python types, the timestamp, ensure_ascii on and off, a prefix.
 */
class PythonJsonFormatterTest {

	@TempDir
	Path dir;

	/** A python3 that has python-json-logger: the PATH's, else Debian's own; null when none. */
	private static String python() {
		for (String p : new String[] {"python3", "/usr/bin/python3"}) {
			try {
				Process proc = new ProcessBuilder(p, "-c", "import pythonjsonlogger.jsonlogger").redirectErrorStream(true)
						.start();
				proc.getInputStream().readAllBytes();
				if (proc.waitFor(60, TimeUnit.SECONDS) && proc.exitValue() == 0) {
					return p;
				}
			}
			catch (Exception e) {
				// try the next one
			}
		}
		return null;
	}

	private record Rec(long ns, String name, Level level, String msg, long thread, String threadName,
			Map<String, Object> extra) {
	}

	private static final List<Rec> RECORDS = List.of(
			new Rec(1_596_000_011_491_000_000L, "jibe.provider.sync", Level.INFO, "Providers sync done", 140001, "DoTask-02",
					Map.of()),
			new Rec(1_596_000_012_000_000_000L, "root", Level.WARNING, "naïve café ☕ \"quoted\" \\ back\nline\ttab\u0001",
					17, "main", linked("user", "ana", "count", 3, "ratio", 0.1, "flag", true)),
			new Rec(1_596_000_013_123_456_789L, "jibe.core", Level.ERROR, "🎉 done", 18, "worker-1",
					linked("_private", "hidden", "big", 12345678901L, "half", 2.5, "tiny", 1.0E-7)));

	private static Map<String, Object> linked(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			m.put((String) kv[i], kv[i + 1]);
		}
		return m;
	}

	private static LogRecord record(Rec r) {
		Attributes a = Attributes.empty();
		for (Map.Entry<String, Object> e : r.extra.entrySet()) {
			a = a.with(e.getKey(), e.getValue());
		}
		return LogRecord.builder(r.level, r.name, r.msg).epochNanos(r.ns).thread(r.threadName, r.thread).attributes(a)
				.build();
	}

	@Test
	void writesWhatPythonJsonLoggerWrites() throws Exception {
		String python = python();
		assumeTrue(python != null, "no python3 with python-json-logger (Debian: apt-get install python3-pythonjsonlogger):"
				+ " the comparison with python-json-logger is skipped");
		List<Map<String, Object>> kwargs = List.of(
				Map.of("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s"),
				Map.of("fmt", "%(levelname)s %(message)s %(thread)d %(threadName)s %(levelno)s %(process)d",
						"rename_fields", Map.of("levelname", "level", "message", "msg_text")),
				Map.of("fmt", "%(message)s %(created)f %(msecs)d", "timestamp", true, "json_ensure_ascii", false),
				Map.of("fmt", "%(message)s %(user)s", "timestamp", "@ts", "prefix", "JSON: "),
				Map.of("fmt", "%(asctime)s %(message)s", "datefmt", "%Y-%m-%dT%H:%M:%S%z"));
		List<Object> cases = new ArrayList<>();
		for (Map<String, Object> k : kwargs) {
			List<Object> recs = new ArrayList<>();
			for (Rec r : RECORDS) {
				Map<String, Object> m = new LinkedHashMap<>();
				m.put("created_ns", r.ns);
				m.put("name", r.name);
				m.put("levelno", r.level.value());
				m.put("levelname", r.level.name());
				m.put("msg", r.msg);
				m.put("thread", r.thread);
				m.put("threadName", r.threadName);
				m.put("extra", r.extra);
				recs.add(m);
			}
			cases.add(Map.of("kwargs", k, "records", recs));
		}
		Path script = dir.resolve("pythonjsonlogger_format.py");
		try (InputStream in = getClass().getResourceAsStream("pythonjsonlogger_format.py")) {
			Files.write(script, in.readAllBytes());
		}
		Path input = dir.resolve("in.json");
		CPython.JSON.writeValue(input.toFile(), Map.of("cases", cases));
		ProcessBuilder pb = new ProcessBuilder(python, script.toString(), input.toString());
		pb.environment().put("PYTHONIOENCODING", "utf-8");
		pb.redirectError(dir.resolve("stderr.txt").toFile());
		Process p = pb.start();
		byte[] out = p.getInputStream().readAllBytes();
		assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0).as(Files.readString(dir.resolve("stderr.txt")))
				.isTrue();
		JsonNode expected = CPython.JSON.readTree(new String(out, StandardCharsets.UTF_8));
		for (int c = 0; c < kwargs.size(); c++) {
			Map<String, Object> k = kwargs.get(c);
			PythonJsonFormatter.Builder b = PythonJsonFormatter.builder().format((String) k.get("fmt"))
					.datefmt((String) k.get("datefmt")).utc(true);
			if (k.containsKey("rename_fields")) {
				@SuppressWarnings("unchecked")
				Map<String, String> rename = (Map<String, String>) k.get("rename_fields");
				b.renameFields(rename);
			}
			Object ts = k.get("timestamp");
			if (ts instanceof String) {
				b.timestamp((String) ts);
			}
			else if (Boolean.TRUE.equals(ts)) {
				b.timestamp("timestamp");
			}
			if (k.containsKey("json_ensure_ascii")) {
				b.ensureAscii((Boolean) k.get("json_ensure_ascii"));
			}
			if (k.containsKey("prefix")) {
				b.prefix((String) k.get("prefix"));
			}
			PythonJsonFormatter f = b.pid(4242).build();
			for (int i = 0; i < RECORDS.size(); i++) {
				assertThat(f.format(record(RECORDS.get(i)))).as("case %d %s, record %d", c, k, i)
						.isEqualTo(expected.get(c).get(i).asText());
			}
		}
	}
}
