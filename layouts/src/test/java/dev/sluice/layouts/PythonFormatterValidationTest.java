package dev.sluice.layouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;

/**
 * Formats CPython rejects (at construction with validate=True, or for every record) are rejected
 * by {@link PythonFormatter.Builder#build()} with an IllegalArgumentException naming the format;
 * formats CPython accepts without validation give the same text.
 */
class PythonFormatterValidationTest {

	static final String[][] BAD = {
			{"%", "hello", "true"}, {"%", "%(message)", "true"}, {"%", "%(message)q", "true"},
			{"%", "%(message)d", "true"}, {"%", "%(asctime)f", "true"}, {"%", "%(created)x", "true"},
			{"%", "%(message)*d", "true"}, {"%", "%(message)s %", "true"}, {"%", "%(message)s %(", "false"},
			{"%", "%(levelname)c", "true"}, {"%", "%(message)", "false"},
			{"{", "{message", "true"}, {"{", "{message}}", "true"}, {"{", "{0}", "true"}, {"{", "{}", "true"},
			{"{", "{message:d}", "true"}, {"{", "{levelno:.2d}", "true"}, {"{", "{message!x}", "true"},
			{"{", "no fields", "true"}, {"{", "{created:z.2f}", "true"}, {"{", "{message:+}", "true"},
			{"{", "{message:=10}", "true"}, {"{", "{levelno:,x}", "true"}, {"{", "{created:d}", "true"},
			{"{", "{message:#}", "true"}, {"{", "{message", "false"},
			{"$", "$ bare", "true"}, {"$", "no fields", "true"}, {"$", "${message", "true"}, {"$", "$1abc", "true"},
			{"$", "cost: 5$", "false"}};

	static final String[][] GOOD_UNVALIDATED = {{"%", "hello", "false"}, {"{", "plain", "false"},
			{"$", "plain $$", "false"}, {"%", "100%% %(message)s", "false"}};

	@Test
	void rejectsWhatCPythonRejects(@TempDir Path dir) throws Exception {
		CPython.assumeAvailable();
		List<Map<String, Object>> formats = new ArrayList<>();
		for (String[] c : BAD) {
			formats.add(spec(c));
		}
		for (String[] c : GOOD_UNVALIDATED) {
			formats.add(spec(c));
		}
		Map<String, Object> rec = new LinkedHashMap<>();
		rec.put("ns", 1_596_000_011_491_000_000L);
		rec.put("name", "jibe.core");
		rec.put("levelno", 20);
		rec.put("levelname", "INFO");
		rec.put("message", "hello");
		rec.put("thread", 1);
		rec.put("threadName", "MainThread");
		JsonNode answer = CPython.run(dir, Map.of("start", 0L, "pid", 1, "records", List.of(rec), "formats", formats),
				Map.of("TZ", "UTC"));
		for (int i = 0; i < BAD.length; i++) {
			String[] c = BAD[i];
			assertThat(answer.get(i).has("error")).as("CPython accepts %s", List.of(c)).isTrue();
			assertThatThrownBy(() -> build(c)).as("format %s", List.of(c))
					.isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c[1]);
		}
		LogRecord r = LogRecord.builder(Level.INFO, "jibe.core", "hello").epochNanos(1_596_000_011_491_000_000L)
				.thread("MainThread", 1).build();
		for (int i = 0; i < GOOD_UNVALIDATED.length; i++) {
			assertThat(build(GOOD_UNVALIDATED[i]).format(r)).isEqualTo(answer.get(BAD.length + i).get(0).asText());
		}
	}

	@Test
	void rejectsWhatItCannotEmulateWithAClearMessage() {
		assertThatThrownBy(() -> PythonFormatter.builder().style("{").format("{message.}").build())
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid field name/expression: 'message.'");
		assertThatThrownBy(() -> PythonFormatter.builder().format("%s %(message)s").build())
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no (name)");
		assertThatThrownBy(() -> PythonFormatter.builder().style("x"))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Style must be one of");
		assertThatThrownBy(() -> PythonFormatter.builder().style("{").format("{message:{width!r}}").validate(false).build())
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested");
	}

	private static Map<String, Object> spec(String[] c) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("style", c[0]);
		m.put("format", c[1]);
		m.put("validate", Boolean.parseBoolean(c[2]));
		return m;
	}

	private static PythonFormatter build(String[] c) {
		return PythonFormatter.builder().style(c[0]).format(c[1]).validate(Boolean.parseBoolean(c[2]))
				.zone(ZoneOffset.UTC).build();
	}
}
