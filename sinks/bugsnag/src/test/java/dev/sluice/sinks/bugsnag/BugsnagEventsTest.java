package dev.sluice.sinks.bugsnag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import dev.sluice.context.Attributes;
import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.options.SinkOptions;

class BugsnagEventsTest {

	static final String KEY = "0123456789abcdef0123456789abcdef";
	private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

	static BugsnagSettings settings(Map<String, Object> extra) {
		Map<String, Object> m = new HashMap<>(Map.of("api_key", KEY));
		m.putAll(extra);
		SinkOptions o = SinkOptions.of(m);
		BugsnagSettings s = BugsnagSettings.read(o, Level.NOTSET, "host-1");
		o.validate();
		return s;
	}

	private static BugsnagEvents events(Map<String, Object> extra) {
		return new BugsnagEvents(settings(extra), Clock.fixed(T0, ZoneOffset.UTC));
	}

	static IllegalStateException nested() {
		try {
			try {
				throw new java.io.UncheckedIOException(new java.io.IOException("disk full"));
			}
			catch (RuntimeException e) {
				throw new IllegalStateException("sync failed", e);
			}
		}
		catch (IllegalStateException e) {
			return e;
		}
	}

	@Test
	void aHandledErrorHasItsExceptionsCausesFramesAndLogReason() {
		LogRecord r = LogRecord.builder(Level.ERROR, "integrates.api", "could not add organization")
				.thrown(nested()).time(T0).thread("worker-1", 1)
				.attributes(Attributes.of(StandardKeys.ENTRY_POINT, "POST /orgs", StandardKeys.USER, "alice")).build();
		ObjectNode e = events(Map.of("project_packages", List.of("dev.sluice.sinks.bugsnag"),
				"app_version", "1.2.3", "release_stage", "staging")).event(r, List.of());
		JsonNode x = e.get("exceptions");
		assertThat(x).hasSize(3);
		assertThat(x.get(0).get("errorClass").asText()).isEqualTo("java.lang.IllegalStateException");
		assertThat(x.get(0).get("message").asText()).isEqualTo("sync failed");
		assertThat(x.get(1).get("errorClass").asText()).isEqualTo("java.io.UncheckedIOException");
		assertThat(x.get(2).get("errorClass").asText()).isEqualTo("java.io.IOException");
		assertThat(x.get(2).get("message").asText()).isEqualTo("disk full");
		JsonNode top = x.get(0).get("stacktrace").get(0);
		assertThat(top.get("file").asText()).isEqualTo("BugsnagEventsTest.java");
		assertThat(top.get("method").asText()).isEqualTo(BugsnagEventsTest.class.getName() + ".nested");
		assertThat(top.get("lineNumber").asInt()).isPositive();
		assertThat(top.get("inProject").asBoolean()).isTrue();
		boolean anyOutside = false;
		for (JsonNode f : x.get(0).get("stacktrace")) {
			anyOutside |= f.get("method").asText().startsWith("org.junit") && !f.has("inProject");
		}
		assertThat(anyOutside).isTrue();
		assertThat(e.get("severity").asText()).isEqualTo("error");
		assertThat(e.get("severityReason").get("type").asText()).isEqualTo("log");
		assertThat(e.get("severityReason").get("attributes").get("level").asText()).isEqualTo("ERROR");
		assertThat(e.get("unhandled").asBoolean()).isFalse();
		assertThat(e.get("context").asText()).isEqualTo("POST /orgs");
		assertThat(e.get("user").get("id").asText()).isEqualTo("alice");
		assertThat(e.get("app").get("version").asText()).isEqualTo("1.2.3");
		assertThat(e.get("app").get("releaseStage").asText()).isEqualTo("staging");
		assertThat(e.get("device").get("hostname").asText()).isEqualTo("host-1");
		assertThat(e.get("device").get("runtimeVersions").get("java").asText()).isNotEmpty();
		assertThat(e.get("metaData").get("log").get("message").asText()).isEqualTo("could not add organization");
	}

	@Test
	void severityFollowsBugsnagPython() {
		assertThat(BugsnagEvents.severity(Level.CRITICAL)).isEqualTo("error");
		assertThat(BugsnagEvents.severity(Level.ERROR)).isEqualTo("error");
		assertThat(BugsnagEvents.severity(Level.WARNING)).isEqualTo("warning");
		assertThat(BugsnagEvents.severity(Level.INFO)).isEqualTo("info");
		assertThat(BugsnagEvents.severity(Level.DEBUG)).isEqualTo("info");
	}

	@Test
	void aRecordWithoutThrowableIsALogError() {
		LogRecord r = LogRecord.builder(Level.WARNING, "x", "disk at {}%").arguments(93).time(T0).build();
		ObjectNode e = events(Map.of()).event(r, List.of());
		assertThat(e.get("exceptions").get(0).get("errorClass").asText()).isEqualTo("LogWARNING");
		assertThat(e.get("exceptions").get(0).get("message").asText()).isEqualTo("disk at 93%");
		assertThat(e.get("severity").asText()).isEqualTo("warning");
	}

	@Test
	void extraFieldsAndContextAttributesAreMetaDataTabs() {
		Attributes a = Attributes.of("organization_id", "123", "organization_name", "test_organization")
				.with("user_email", "test_user").with(StandardKeys.OPERATION_ID, "op-1").with("count", 3);
		LogRecord r = LogRecord.builder(Level.ERROR, "transactional", "Organization was successfully added")
				.attributes(a).time(T0).build();
		ObjectNode e = events(Map.of("extra_fields", Map.of("organization", List.of("organization_id",
				"organization_name")))).event(r, List.of());
		JsonNode md = e.get("metaData");
		assertThat(md.get("organization").get("organization_id").asText()).isEqualTo("123");
		assertThat(md.get("organization").get("organization_name").asText()).isEqualTo("test_organization");
		assertThat(md.get("context").get("user_email").asText()).isEqualTo("test_user");
		assertThat(md.get("context").get("count").asInt()).isEqualTo(3);
		assertThat(md.get("context").has("organization_id")).isFalse();
	}

	@Test
	void redactedKeysAreMatchedInAnyCaseInMetaDataAndBreadcrumbs() {
		Attributes a = Attributes.of("Password", "hunter2", "X-Api_Key", "k").with("headers",
				Map.of("Authorization", "Bearer abc", "Accept", "json")).with("SESSION_TOKEN", "t")
				.with(StandardKeys.OPERATION_ID, "op-1");
		LogRecord crumb = LogRecord.builder(Level.INFO, "x", "login").attributes(a).time(T0).build();
		LogRecord r = LogRecord.builder(Level.ERROR, "x", "failed").attributes(a).time(T0).build();
		ObjectNode e = events(Map.of()).event(r, List.of(crumb));
		String json = e.toString();
		assertThat(json).doesNotContain("hunter2").doesNotContain("Bearer abc").doesNotContain("\"t\"");
		JsonNode ctx = e.get("metaData").get("context");
		assertThat(ctx.get("Password").asText()).isEqualTo("[REDACTED]");
		assertThat(ctx.get("X-Api_Key").asText()).isEqualTo("[REDACTED]");
		assertThat(ctx.get("headers").get("Authorization").asText()).isEqualTo("[REDACTED]");
		assertThat(ctx.get("headers").get("Accept").asText()).isEqualTo("json");
		JsonNode cmd = e.get("breadcrumbs").get(0).get("metaData");
		assertThat(cmd.get("Password").asText()).isEqualTo("[REDACTED]");
		assertThat(cmd.get("SESSION_TOKEN").asText()).isEqualTo("[REDACTED]");
		assertThat(e.get("breadcrumbs").get(0).get("name").asText()).isEqualTo("login");
		assertThat(e.get("breadcrumbs").get(0).get("type").asText()).isEqualTo("log");

		ObjectNode custom = events(Map.of("redacted_keys", List.of("EMAIL"))).event(
				LogRecord.builder(Level.ERROR, "x", "m").attributes(Attributes.of("user_email", "a@b", "password", "p"))
						.time(T0).build(), List.of());
		assertThat(custom.get("metaData").get("context").get("user_email").asText()).isEqualTo("[REDACTED]");
		assertThat(custom.get("metaData").get("context").get("password").asText()).isEqualTo("p");
	}

	@Test
	void theUserMayBeAMap() {
		LogRecord r = LogRecord.builder(Level.ERROR, "x", "m").attributes(Attributes.of(StandardKeys.USER,
				Map.of("id", "42", "email", "a@example.com"))).time(T0).build();
		JsonNode u = events(Map.of()).event(r, List.of()).get("user");
		assertThat(u.get("id").asText()).isEqualTo("42");
		assertThat(u.get("email").asText()).isEqualTo("a@example.com");
	}

	@Test
	void thePayloadFollowsTheV5SchemaWithTheKeyInTheBody() {
		BugsnagEvents ev = events(Map.of());
		ObjectNode p = ev.payload(ev.event(LogRecord.builder(Level.ERROR, "x", "m").time(T0).build(), List.of()));
		assertThat(p.get("payloadVersion").asText()).isEqualTo("5");
		assertThat(p.get("notifier").get("name").asText()).isEqualTo("Sluice");
		assertThat(p.get("notifier").get("url").asText()).startsWith("https://");
		assertThat(p.get("events")).hasSize(1);
		// the v5 schema's apiKey: the payload goes to Bugsnag only, and is never printed
		assertThat(p.get("apiKey").asText()).isEqualTo(KEY);
	}
}
