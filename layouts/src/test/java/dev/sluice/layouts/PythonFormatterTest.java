package dev.sluice.layouts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layouts;

class PythonFormatterTest {

	static final long T = Instant.parse("2020-07-29T04:00:11.491Z").getEpochSecond() * 1_000_000_000L + 491_000_000L;

	static LogRecord record(String msg) {
		return LogRecord.builder(Level.INFO, "jibe.core", msg).epochNanos(T).thread("DoTask-02-Sync_1", 7).build();
	}

	@Test
	void theSeedsDetailedFormat() {
		PythonFormatter f = PythonFormatter.builder()
				.format("%(asctime)s - %(name)s - %(threadName)s - %(levelname)s - %(message)s")
				.zone(ZoneId.of("America/New_York")).build();
		assertThat(f.format(record("syncOnProviderEvent: PutObject:not_found - my-big-bucket/2020-07-28-19-53-04.zip. 2 attempts left.")))
				.isEqualTo("2020-07-29 00:00:11,491 - jibe.core - DoTask-02-Sync_1 - INFO - syncOnProviderEvent: "
						+ "PutObject:not_found - my-big-bucket/2020-07-28-19-53-04.zip. 2 attempts left.");
	}

	@Test
	void escapingKeepsOneRecordOnOneLineButNotTheTraceback() {
		PythonFormatter plain = PythonFormatter.of("%(levelname)s %(message)s");
		PythonFormatter safe = plain.withEscapeControlChars(true);
		assertThat(plain.escapesControlChars()).isFalse();
		LogRecord forged = record("ok\nERROR forged line\r\u001b[31m\ttab\u2028");
		assertThat(safe.format(forged)).isEqualTo("INFO ok\\nERROR forged line\\r\\x1b[31m\ttab\\u2028");
		assertThat(plain.format(forged)).isEqualTo("INFO ok\nERROR forged line\r\u001b[31m\ttab\u2028");
		assertThat(safe.format(record("no control chars: é 日本 {} %"))).isEqualTo("INFO no control chars: é 日本 {} %");

		RuntimeException boom = new RuntimeException("boom");
		LogRecord withTrace = LogRecord.builder(Level.ERROR, "x", "a\nb").epochNanos(T).thrown(boom).build();
		assertThat(safe.format(withTrace)).isEqualTo("ERROR a\\nb\n" + Layouts.stackTrace(boom));

		PythonFormatter brace = PythonFormatter.builder().style("{").format("{message:>12}|{message}")
				.escapeControlChars(true).build();
		assertThat(brace.format(record("a\nb"))).isEqualTo("        a\\nb|a\\nb");
		PythonFormatter repr = PythonFormatter.builder().format("%(message)r").escapeControlChars(true).build();
		assertThat(repr.format(record("a\nb"))).isEqualTo("'a\\nb'");
		PythonFormatter dollar = PythonFormatter.builder().style("$").format("$message").escapeControlChars(true).build();
		assertThat(dollar.format(record("a\r\nb"))).isEqualTo("a\\r\\nb");
	}

	@Test
	void exceptionTextFollowsOnTheNextLineWithoutDoublingANewline() {
		PythonFormatter f = PythonFormatter.of("%(message)s");
		RuntimeException boom = new RuntimeException("boom");
		LogRecord endsWithNewline = LogRecord.builder(Level.ERROR, "x", "msg\n").epochNanos(T).thrown(boom).build();
		assertThat(f.format(endsWithNewline)).isEqualTo("msg\n" + Layouts.stackTrace(boom));
	}

	@Test
	void needsLocationOnlyWhenTheFormatPrintsIt() {
		assertThat(PythonFormatter.of("%(asctime)s %(message)s").needsLocation()).isFalse();
		for (String field : new String[] {"module", "funcName", "lineno", "pathname", "filename"}) {
			assertThat(PythonFormatter.of("%(" + field + ")s").needsLocation()).as(field).isTrue();
			assertThat(PythonFormatter.builder().style("{").format("{" + field + "}").build().needsLocation()).isTrue();
			assertThat(PythonFormatter.builder().style("$").format("$" + field).build().needsLocation()).isTrue();
		}
		LogRecord located = LogRecord.builder(Level.INFO, "x", "m").epochNanos(T)
				.location(new StackTraceElement("com.acme.Sync", "run", "Sync.java", 42)).build();
		assertThat(PythonFormatter.of("%(pathname)s|%(filename)s|%(module)s|%(funcName)s|%(lineno)d").format(located))
				.isEqualTo("com/acme/Sync.java|Sync.java|Sync|run|42");
		assertThat(PythonFormatter.of("%(pathname)s|%(filename)s|%(module)s|%(funcName)s|%(lineno)d").format(record("m")))
				.isEqualTo("(unknown file)|(unknown file)|(unknown file)|(unknown function)|0");
	}

	@Test
	void extraFieldsComeFromTheRecordsAttributesThenTheDefaults() {
		PythonFormatter f = PythonFormatter.builder().format("%(user)s|%(org)s|%(count)05d|%(OperationId)s|")
				.defaults(Map.of("org", "none", "count", 0)).build();
		LogRecord r = LogRecord.builder(Level.INFO, "x", "m").epochNanos(T)
				.attributes(Attributes.of("user", "alice", "count", 42)).build();
		assertThat(f.format(r)).isEqualTo("alice|none|00042||");
	}

	/** As CPython: a field neither the record nor the defaults have fails the record (its handler drops it). */
	@Test
	void aMissingFieldFailsTheRecordAsInCPython() {
		for (String[] c : new String[][] {{"%", "%(custom)s %(message)s"}, {"{", "{customfield!s:#<30} {message}"},
				{"$", "$bar $message"}, {"{", "{c[k1]}"}, {"{", "{l[5]}"}, {"{", "{c.nope}"}}) {
			PythonFormatter f = PythonFormatter.builder().style(c[0]).format(c[1]).build();
			LogRecord r = LogRecord.builder(Level.INFO, "x", "m").epochNanos(T)
					.attributes(Attributes.of("c", Map.of("k2", 1), "l", java.util.List.of(1))).build();
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.format(r)).as(c[1])
					.isInstanceOf(RuntimeException.class).hasMessageStartingWith("--- Logging error --- ")
					.hasMessageMatching("(?s).*(KeyError|IndexError|AttributeError).*");
		}
	}

	/** CPython's test_format_validate formats with attribute and index access and nested specs, filled. */
	@Test
	void accessesAndNestedSpecsAreFilledAsCPythonFillsThem() {
		PythonFormatter f = PythonFormatter.builder().style("{")
				.format("{foo:12.{p}}|{foo:{w}.6}|{c[k1]}|{d['k']}|{l[1]}|{c.k1}").build();
		LogRecord r = LogRecord.builder(Level.INFO, "x", "m").epochNanos(T).attributes(Attributes.from(Map.of(
				"foo", 3.14159265, "p", 3, "w", 10, "c", Map.of("k1", "v1"), "d", Map.of("'k'", "dq"),
				"l", java.util.List.of("a", "b")))).build();
		assertThat(f.format(r)).isEqualTo("        3.14|   3.14159|v1|dq|b|v1");
	}

	@Test
	void utcAndMsecsAreExactFromIntegerNanos() {
		PythonFormatter f = PythonFormatter.builder().format("%(asctime)s %(msecs)03d %(msecs)s").utc(true).build();
		LogRecord r = LogRecord.builder(Level.INFO, "x", "m").epochNanos(T - 1).build(); // .490999999
		assertThat(f.format(r)).isEqualTo("2020-07-29 04:00:11,490 490 490.0");
		PythonFormatter rel = PythonFormatter.builder().format("%(relativeCreated)d").startNanos(T - 1_500_000_000L)
				.zone(ZoneOffset.UTC).build();
		assertThat(rel.format(record("m"))).isEqualTo("1500");
	}

	@Test
	void theCommonFormatAllocatesNothingPerRecordWithinASecond() {
		PythonFormatter f = PythonFormatter.builder()
				.format("%(asctime)s - %(name)s - %(threadName)s - %(levelname)-8s - %(msecs)03d %(lineno)d - %(message)s")
				.escapeControlChars(true).zone(ZoneOffset.UTC).build();
		LogRecord r = record("syncOnProviderEvent: PutObject:not_found");
		StringBuilder sb = new StringBuilder(1024);
		for (int i = 0; i < 20_000; i++) { // warm up: JIT, the date cache, the message cache
			sb.setLength(0);
			f.format(r, sb);
		}
		com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long tid = Thread.currentThread().getId();
		long before = mx.getThreadAllocatedBytes(tid);
		for (int i = 0; i < 10_000; i++) {
			sb.setLength(0);
			f.format(r, sb);
		}
		long perRecord = (mx.getThreadAllocatedBytes(tid) - before) / 10_000;
		assertThat(perRecord).as("bytes allocated per record").isLessThan(8);
		assertThat(sb.toString()).startsWith("2020-07-29 04:00:11,491 - jibe.core - DoTask-02-Sync_1 - INFO     - 491 0 - ");
	}
}
