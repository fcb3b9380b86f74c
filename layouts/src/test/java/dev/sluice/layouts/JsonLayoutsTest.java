package dev.sluice.layouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layouts;

class JsonLayoutsTest {

	static final ObjectMapper JSON = new ObjectMapper();
	static final long T = Instant.parse("2020-07-29T04:00:11.491Z").getEpochSecond() * 1_000_000_000L + 491_000_000L;

	static LogRecord.Builder record(String msg) {
		return LogRecord.builder(Level.INFO, "transactional", msg).epochNanos(T).thread("DoTask-02", 7);
	}

	@Test
	void theSeedsTransactionalRecordAsCloudWatchWantsIt() {
		LogRecord r = record("Organization was successfully added").attributes(Attributes.from(
				new java.util.LinkedHashMap<>(Map.of("organization_id", "123")))
				.with("organization_name", "test_organization").with("user_email", "test_user")).build();
		assertThat(PlainJsonLayout.of().format(r)).isEqualTo("{\"message\":\"Organization was successfully added\","
				+ "\"organization_id\":\"123\",\"organization_name\":\"test_organization\",\"user_email\":\"test_user\"}");
	}

	@Test
	void plainRecordFieldsAreTypedAsPythonTypesThem() throws Exception {
		RuntimeException boom = new RuntimeException("boom");
		LogRecord r = record("line1\nline2 \"q\" \u0001").thrown(boom)
				.attributes(Attributes.of("count", 3, "levelname", "spoof")).build();
		PlainJsonLayout layout = PlainJsonLayout.builder()
				.recordFields(List.of("levelname", "levelno", "name", "created", "asctime", "threadName"))
				.zone(ZoneOffset.UTC).build();
		String text = layout.format(r);
		assertThat(text).doesNotContain("\n");
		JsonNode n = JSON.readTree(text);
		assertThat(n.get("message").asText()).isEqualTo("line1\nline2 \"q\" \u0001");
		assertThat(n.get("levelname").asText()).isEqualTo("INFO");
		assertThat(n.get("levelno").asInt()).isEqualTo(20);
		assertThat(n.get("created").asDouble()).isEqualTo(T / 1e9);
		assertThat(n.get("asctime").asText()).isEqualTo("2020-07-29 04:00:11,491");
		assertThat(n.get("threadName").asText()).isEqualTo("DoTask-02");
		assertThat(n.get("exc_info").asText()).isEqualTo(Layouts.stackTrace(boom));
		assertThat(n.get("count").asInt()).isEqualTo(3);
		assertThat(text.indexOf("levelname")).isEqualTo(text.lastIndexOf("levelname"));
		assertThatThrownBy(() -> PlainJsonLayout.builder().recordFields(List.of("nosuch")).build())
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nosuch'");
	}

	@Test
	void ecsWithLabels() throws Exception {
		IllegalStateException boom = new IllegalStateException("bad \"state\"");
		LogRecord r = record("hello\tworld").thrown(boom)
				.attributes(Attributes.of("User", "alice", "retries", 2).with("ok", true).with("tags", List.of("a", "b")))
				.location(new StackTraceElement("com.acme.Sync", "run", "Sync.java", 42)).build();
		EcsJsonLayout layout = EcsJsonLayout.builder().serviceName("jibe").includeOrigin(true)
				.staticFields(Map.of("service.environment", "prod")).build();
		assertThat(layout.needsLocation()).isTrue();
		String text = layout.format(r);
		assertThat(text).startsWith("{\"@timestamp\":\"2020-07-29T04:00:11.491Z\",\"log.level\":\"INFO\","
				+ "\"message\":\"hello\\tworld\",\"ecs.version\":\"1.2.0\",\"service.name\":\"jibe\"");
		assertThat(text).doesNotContain("\n");
		JsonNode n = JSON.readTree(text);
		assertThat(n.get("service.environment").asText()).isEqualTo("prod");
		assertThat(n.get("process.thread.name").asText()).isEqualTo("DoTask-02");
		assertThat(n.get("log.logger").asText()).isEqualTo("transactional");
		assertThat(n.get("log.origin.file.name").asText()).isEqualTo("Sync.java");
		assertThat(n.get("log.origin.file.line").asInt()).isEqualTo(42);
		assertThat(n.get("log.origin.function").asText()).isEqualTo("run");
		assertThat(n.get("labels").get("User").asText()).isEqualTo("alice");
		assertThat(n.get("labels").get("retries").asInt()).isEqualTo(2);
		assertThat(n.get("labels").get("ok").asBoolean()).isTrue();
		assertThat(n.get("labels").get("tags").get(1).asText()).isEqualTo("b");
		assertThat(n.get("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
		assertThat(n.get("error.message").asText()).isEqualTo("bad \"state\"");
		assertThat(n.get("error.stack_trace").asText()).isEqualTo(Layouts.stackTrace(boom));
	}

	@Test
	void ecsWithAttributesAtTopLevelNeverOverwritesItsOwnFields() throws Exception {
		LogRecord r = record("m").attributes(Attributes.of("OperationId", "op-1", "message", "spoofed")).build();
		String text = EcsJsonLayout.builder().attributesAtTopLevel(true).build().format(r);
		JsonNode n = JSON.readTree(text);
		assertThat(n.get("OperationId").asText()).isEqualTo("op-1");
		assertThat(n.get("message").asText()).isEqualTo("m");
		assertThat(n.has("labels")).isFalse();
		assertThat(text.indexOf("\"message\"")).isEqualTo(text.lastIndexOf("\"message\""));
		assertThat(EcsJsonLayout.builder().build().needsLocation()).isFalse();
		assertThat(EcsJsonLayout.builder().build().format(record("m").time(Instant.parse("1999-12-31T23:59:59.007Z")).build()))
				.startsWith("{\"@timestamp\":\"1999-12-31T23:59:59.007Z\"");
	}

	/** Spring Boot's logstash format: its fields, in its order, Logback's level names and numbers. */
	@Test
	void logstashAsSpringBootWritesIt() {
		LogRecord r = LogRecord.builder(Level.CRITICAL, "jibe.core", "paid").epochNanos(T).thread("MainThread", 1)
				.attributes(Attributes.of("OperationId", "op-1")).thrown(new IllegalStateException("x")).build();
		String line = LogstashJsonLayout.withZone(ZoneOffset.ofHours(2)).format(r);
		assertThat(line).startsWith("{\"@timestamp\":\"2020-07-29T06:00:11.491+02:00\",\"@version\":\"1\","
				+ "\"message\":\"paid\",\"logger_name\":\"jibe.core\",\"thread_name\":\"MainThread\",\"level\":\"ERROR\","
				+ "\"level_value\":40000,\"OperationId\":\"op-1\",\"stack_trace\":\"java.lang.IllegalStateException: x");
	}

	/** Logstash and GELF name a custom level by the Logback level it falls in, never by Python's "Level 15". */
	@Test
	void customLevelsTakeTheNameOfTheLogbackLevelTheyFallIn() throws Exception {
		for (Object[] c : new Object[][] {{Level.of(15), "DEBUG"}, {Level.of(25), "INFO"}, {Level.TRACE, "TRACE"},
				{Level.of(1), "TRACE"}, {Level.CRITICAL, "ERROR"}, {Level.of(35), "WARN"}}) {
			LogRecord r = LogRecord.builder((Level) c[0], "t", "m").epochNanos(T).thread("main", 1).build();
			assertThat(JSON.readTree(LogstashJsonLayout.withZone(ZoneOffset.UTC).format(r)).get("level").asText())
					.as("logstash, %s", c[0]).isEqualTo(c[1]);
			assertThat(JSON.readTree(GelfJsonLayout.builder().pid(1).build().format(r)).get("_level_name").asText())
					.as("gelf, %s", c[0]).isEqualTo(c[1]);
		}
	}

	/** The cached timestamp is exactly what ISO_OFFSET_DATE_TIME writes, across fractions, zones and DST changes. */
	@Test
	void logstashTimestampsAreIsoOffsetDateTime() throws Exception {
		java.util.Random random = new java.util.Random(42);
		for (String zone : List.of("UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kolkata")) {
			LogstashJsonLayout layout = LogstashJsonLayout.withZone(java.time.ZoneId.of(zone));
			long base = Instant.parse("2026-03-29T00:30:00Z").getEpochSecond() * 1_000_000_000L; // Berlin's DST change
			for (int i = 0; i < 2_000; i++) {
				long nanos = base + random.nextInt(4 * 3600) * 1_000_000_000L
						+ (i % 4 == 0 ? 0 : i % 4 == 1 ? random.nextInt(1000) * 1_000_000L : random.nextInt(1_000_000_000));
				LogRecord r = LogRecord.builder(Level.INFO, "t", "m").epochNanos(nanos).thread("main", 1).build();
				String expected = java.time.OffsetDateTime.ofInstant(Instant.ofEpochSecond(0, nanos), java.time.ZoneId.of(zone))
						.format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
				assertThat(JSON.readTree(layout.format(r)).get("@timestamp").asText()).isEqualTo(expected);
			}
		}
	}

	/** Spring Boot's GELF fields and order (GraylogExtendedLogFormatStructuredLogFormatter). */
	@Test
	void gelfHasBootsFieldsAndOrder() throws Exception {
		LogRecord r = LogRecord.builder(Level.WARNING, "jibe.core", "paid").epochNanos(T).thread("MainThread", 1)
				.attributes(Attributes.of("OperationId", "op-1")).thrown(new IllegalStateException("x")).build();
		String line = GelfJsonLayout.builder().host("billing").serviceVersion("1.2").pid(42).build().format(r);
		assertThat(line).startsWith("{\"version\":\"1.1\",\"short_message\":\"paid\",\"timestamp\":1595995211.491,"
				+ "\"level\":4,\"_level_name\":\"WARN\",\"_process_pid\":42,\"_process_thread_name\":\"MainThread\","
				+ "\"host\":\"billing\",\"_service_version\":\"1.2\",\"_log_logger\":\"jibe.core\",\"_OperationId\":\"op-1\","
				+ "\"full_message\":\"paid\\n\\njava.lang.IllegalStateException: x");
		JsonNode json = JSON.readTree(line);
		assertThat(json.get("_error_type").asText()).isEqualTo("java.lang.IllegalStateException");
		assertThat(json.get("_error_message").asText()).isEqualTo("x");
		assertThat(json.get("_error_stack_trace").asText()).startsWith("java.lang.IllegalStateException: x");
		assertThat(json.get("timestamp").isNumber()).isTrue();
		// a blank message is "(blank)"; keys GELF does not allow, and id, are left out
		LogRecord blank = LogRecord.builder(Level.DEBUG, "t", " ").epochNanos(T).thread("m", 1).attributes(Attributes.from(Map.of("id", "1", "bad key", "2", "ok.key-1", 3)))
				.build();
		JsonNode b = JSON.readTree(GelfJsonLayout.builder().pid(1).build().format(blank));
		assertThat(b.get("short_message").asText()).isEqualTo("(blank)");
		assertThat(b.get("level").asInt()).isEqualTo(7);
		assertThat(b.has("host")).isFalse();
		assertThat(b.get("_ok.key-1").asInt()).isEqualTo(3);
		assertThat(b.has("_id")).isFalse();
		assertThat(b.has("_bad key")).isFalse();
	}
}
