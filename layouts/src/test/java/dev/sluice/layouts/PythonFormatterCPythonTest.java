package dev.sluice.layouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layouts;

/**
 * For a few hundred generated records and many formats of all three styles, PythonFormatter
 * writes exactly what CPython's {@code logging.Formatter} writes (python3 runs in the test).
 *
 * <p>Exceptions: Java and Python tracebacks differ by nature, so for a record with an exception
 * the text before the traceback is compared byte for byte, and the traceback's last line
 * ({@code ValueError: msg}) is compared with the Java trace's first line by the exception message.
 */
class PythonFormatterCPythonTest {

	static final ZoneId ZONE = ZoneId.of("America/New_York");
	static final long PID = 4242;

	static final String[] MESSAGES = {
			"syncOnProviderEvent: PutObject:not_found - my-big-bucket/2020-07-28-19-53-04.zip. 2 attempts left.",
			"Providers Sync Delayed: ['Eng Cloud - 4 days, ReSync Running'",
			"100% done %s %(x)s %%", "{braces} {0} {{x}} {message}", "$dollar ${x} $$",
			"unicode é ü ß 日本語 🎉 emoji", "tab\there", "ends with newline\n", "line1\nline2\r\nline3", "",
			"quote's \"double\"", "only 'single'", "back\\slash", "nul \u0000 and esc \u001b and del \u007f",
			"nbsp\u00a0soft\u00adhyphen\u2028sep", "a", "Found New Provider - 'Shared Media'"};
	static final String[] THREADS = {"MainThread", "DoTask-02-Sync_1", "worker é", "reactor-http-nio-3", "t"};
	static final String[] NAMES = {"root", "jibe.core", "jibe.provider.sync", "transactional", "a.b.c.d.e.f"};
	static final Level[] LEVELS = {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARNING, Level.ERROR, Level.CRITICAL,
			Level.of(25)};

	static List<LogRecord> records;
	static long start;

	@BeforeAll
	static void generate() {
		List<Long> times = new ArrayList<>();
		long base = Instant.parse("2020-07-29T04:00:11.491Z").getEpochSecond() * 1_000_000_000L + 491_000_000L;
		times.add(base);
		// second and day boundaries in New York, DST changes, a leap day, the new year, ms edges
		for (String local : new String[] {"2020-07-29T00:00:00", "2020-03-08T01:59:59", "2020-03-08T03:00:00",
				"2020-11-01T01:30:00", "2020-02-29T23:59:59", "2020-12-31T23:59:59", "2021-01-04T00:00:00",
				"2019-12-29T12:00:00", "2026-11-23T19:33:52"}) {
			long s = LocalDateTime.parse(local).atZone(ZONE).toEpochSecond();
			for (long ns : new long[] {0, 1, 999_999, 1_000_000, 490_999_999, 491_000_000, 999_000_000,
					999_999_999}) {
				times.add(s * 1_000_000_000L + ns);
			}
		}
		long fallBack = Instant.parse("2020-11-01T05:30:00Z").getEpochSecond() * 1_000_000_000L; // 01:30 EDT
		times.add(fallBack);
		times.add(fallBack + 3600_000_000_000L); // 01:30 EST
		Random rnd = new Random(42);
		while (times.size() < 300) {
			times.add(base + (long) (rnd.nextDouble() * 400L * 86400L * 1_000_000_000L) - 200L * 86400L * 1_000_000_000L);
		}
		start = base - 123_456_789_012L;
		records = new ArrayList<>();
		for (int i = 0; i < times.size(); i++) {
			String thread = THREADS[rnd.nextInt(THREADS.length)];
			LogRecord.Builder b = LogRecord.builder(LEVELS[i % LEVELS.length], NAMES[rnd.nextInt(NAMES.length)],
					MESSAGES[i % MESSAGES.length])
					.epochNanos(times.get(i)).thread(thread, 140_000_000_000L + rnd.nextInt(1000));
			if (i % 3 == 0) {
				b.location(new StackTraceElement("com.acme.sync.Provider" + i % 4, i % 2 == 0 ? "syncOnEvent" : "<init>",
						"Provider" + i % 4 + ".java", 10 + i));
			}
			if (i % 11 == 5) {
				b.thrown(new IllegalStateException("boom " + i + " é"));
			}
			if (i % 2 == 0) {
				b.attributes(Attributes.of("organization_id", "org-" + i, "user_email", "u" + i + "@example.com"));
			}
			records.add(b.build());
		}
	}

	/** One format of the comparison: style, format, datefmt, utc. */
	static Map<String, Object> fmt(String style, String format, String datefmt, boolean utc) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("style", style);
		m.put("format", format);
		m.put("datefmt", datefmt);
		m.put("utc", utc);
		return m;
	}

	static Map<String, Object> withDefaults(Map<String, Object> m) {
		m.put("defaults", Map.of("organization_id", "-", "user_email", "nobody"));
		return m;
	}

	static List<Map<String, Object>> formats() {
		return List.of(
				fmt("%", "%(asctime)s - %(name)s - %(threadName)s - %(levelname)s - %(message)s", null, false),
				fmt("%", "%(levelname)s - %(message)s", null, false),
				fmt("%", "%(asctime)s - %(levelname)s - %(message)s", null, false),
				fmt("%", "%(name)s - %(levelname)s - %(message)s", null, false),
				fmt("%", "%(asctime)s.%(msecs)03d %(levelname)-8s %(levelno)3d [%(threadName)10.4s] %(thread)d "
						+ "%(process)d %(processName)s %(message)r", "%Y-%m-%dT%H:%M:%S%z %Z", false),
				fmt("%", "%(created)f %(created).3f %(created)s %(msecs)s %(msecs)d %(relativeCreated)d "
						+ "%(relativeCreated)s %(relativeCreated).2f %(created)e %(created)g %(created)#.4G "
						+ "%(msecs)+08.1f %(levelno)#x %(levelno)o %(levelno)05d %(levelno)-5d| %(levelno)c "
						+ "%(message)a %(levelno).4d %(msecs) 6.0f %(relativeCreated)-14.3e|", null, false),
				fmt("%", "%(pathname)s:%(lineno)d %(filename)s %(module)s %(funcName)s - %(message)s", null, false),
				fmt("%", "%(asctime)s %(message)s", "%a %A %b %B %c %d %e %H %I %j %m %M %p %S %U %w %W %x %X %y "
						+ "%Y %G %V %u %C %g %D %F %r %R %T %k %l %s %% %-d %_H %^a %#p %10B %h %n%t %P %-j %3e %05Z "
						+ "%Ey %Od %f %q", false),
				fmt("%", "%(asctime)s %(message)s", null, true),
				fmt("%", "%(asctime)s|%(message)s", "%H:%M:%S %Z %z %s", true),
				fmt("%", "%%(literal) %(message).10s|%(message)30s|%(name)-20s|%(asctime)-30s|%(levelname)5.2s|",
						null, false),
				withDefaults(fmt("%", "%(organization_id)s %(user_email)-20s %(message)s", null, false)),
				fmt("{", "{asctime} {levelname:<8} {name} {message}", null, false),
				fmt("{", "{asctime:>30} {levelno:05d} {levelno:x} {levelno:#b} {levelno:,} {thread:_} {created:.3f} "
						+ "{created} {msecs:03.0f} {relativeCreated:,.2f} {created:e} {created:.5} {msecs:%} "
						+ "{message!r:^40} {threadName!a} {name:*^20.5} {levelname!s:.3} {msecs:.3} {levelno:c}",
						null, false),
				fmt("{", "{message:10}|{message:>10}|{levelno:+}|{levelno: }|{levelno:=+6}|{levelno:0=8}|"
						+ "{created:020,.3f}|{levelno:010,d}|{levelno:#X}|{levelno:o}|{created:G}|{levelno:n}|"
						+ "{created:_.1f}|{relativeCreated:>+15.2e}|{{lit}}|{levelno:%}|{msecs:08.3F}", null, false),
				fmt("{", "{asctime} {message}", "%d.%m.%Y %H:%M", true),
				fmt("{", "{pathname} {lineno:>5} {funcName!r} {module:^12}|{process} {processName}", null, false),
				fmt("$", "$asctime ${levelname} $name: $message $$ ${threadName}x $lineno $created $msecs", null, false),
				fmt("$", "${asctime} $levelno $relativeCreated", "%I:%M:%S %p", false),
				fmt("%", "", null, false),
				fmt("{", "", null, false),
				fmt("$", "", null, false));
	}

	@Test
	@SuppressWarnings("unchecked")
	void writesWhatCPythonWrites(@TempDir Path dir) throws Exception {
		CPython.assumeAvailable();
		List<Map<String, Object>> jsonRecords = new ArrayList<>();
		for (LogRecord r : records) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("ns", r.epochNanos());
			m.put("name", r.loggerName());
			m.put("levelno", r.level().value());
			m.put("levelname", r.level().name());
			m.put("message", r.message());
			m.put("thread", r.threadId());
			m.put("threadName", r.threadName());
			if (r.location() != null) {
				StackTraceElement e = r.location();
				m.put("pathname", e.getClassName().substring(0, e.getClassName().lastIndexOf('.') + 1).replace('.', '/')
						+ e.getFileName());
				m.put("lineno", e.getLineNumber());
				m.put("funcName", e.getMethodName());
			}
			if (r.thrown() != null) {
				m.put("exc", r.thrown().getMessage());
			}
			m.put("extra", r.attributes().asMap());
			jsonRecords.add(m);
		}
		List<Map<String, Object>> formats = formats();
		Map<String, Object> input = Map.of("start", start, "pid", PID, "records", jsonRecords, "formats", formats);
		JsonNode answer = CPython.run(dir, input, Map.of("TZ", ZONE.getId()));

		List<String> mismatches = new ArrayList<>();
		int compared = 0;
		int comparedEscaping = 0;
		for (int f = 0; f < formats.size(); f++) {
			Map<String, Object> spec = formats.get(f);
			JsonNode expected = answer.get(f);
			assertThat(expected.has("error")).as("CPython rejected format %s: %s", spec, expected.get("error"))
					.isFalse();
			PythonFormatter formatter = PythonFormatter.builder().format((String) spec.get("format"))
					.datefmt((String) spec.get("datefmt")).style((String) spec.get("style"))
					.utc((Boolean) spec.get("utc")).zone(ZONE).pid(PID).startNanos(start)
					.defaults(spec.containsKey("defaults") ? (Map<String, ?>) spec.get("defaults") : Map.of()).build();
			PythonFormatter escaping = formatter.withEscapeControlChars(true);
			for (int i = 0; i < records.size(); i++) {
				LogRecord r = records.get(i);
				String actual = formatter.format(r);
				JsonNode e = expected.get(i);
				String want;
				if (r.thrown() != null) {
					String trace = Layouts.stackTrace(r.thrown());
					assertThat(actual).endsWith(trace);
					actual = actual.substring(0, actual.length() - trace.length());
					want = e.get("text").asText();
					String pyLast = e.get("exc").asText().substring(e.get("exc").asText().lastIndexOf('\n') + 1);
					assertThat(pyLast).isEqualTo("ValueError: " + r.thrown().getMessage());
					assertThat(trace.substring(0, trace.indexOf('\n')))
							.isEqualTo(r.thrown().getClass().getName() + ": " + r.thrown().getMessage());
				}
				else {
					want = e.asText();
				}
				compared++;
				if (r.message().chars().noneMatch(c -> PyStrings.needsEscape((char) c))) {
					// escaping on: a message without control characters is written exactly as CPython writes it
					String escaped = escaping.format(r);
					if (r.thrown() != null) {
						escaped = escaped.substring(0, escaped.length() - Layouts.stackTrace(r.thrown()).length());
					}
					if (!want.equals(escaped) && mismatches.size() < 15) {
						mismatches.add("escaping formatter, format '" + spec.get("format") + "', record " + i
								+ "\n   python: " + want + "\n   java:   " + escaped);
					}
					comparedEscaping++;
				}
				if (!want.equals(actual) && mismatches.size() < 15) {
					mismatches.add("format " + spec.get("style") + " '" + spec.get("format") + "' datefmt "
							+ spec.get("datefmt") + " utc " + spec.get("utc") + ", record " + i + " (" + r + ")\n   python: "
							+ CPython.JSON.writeValueAsString(want) + "\n   java:   " + CPython.JSON.writeValueAsString(actual));
				}
			}
		}
		if (!mismatches.isEmpty()) {
			fail(mismatches.size() + " mismatches (first 15):\n" + String.join("\n", mismatches));
		}
		assertThat(compared).isGreaterThanOrEqualTo(300 * formats.size());
		assertThat(comparedEscaping).isGreaterThan(200 * formats.size());
	}
}
