package dev.sluice.sinks.bugsnag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;

class PayloadTrimmerTest {

	private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
	private final BugsnagEvents events = new BugsnagEvents(BugsnagEventsTest.settings(Map.of()),
			Clock.fixed(T0, ZoneOffset.UTC));
	private final PayloadTrimmer trimmer = new PayloadTrimmer(PayloadTrimmer.MAX_PAYLOAD_BYTES);

	private static RuntimeException deep(int frames) {
		RuntimeException e = new RuntimeException("deep");
		StackTraceElement[] st = new StackTraceElement[frames];
		for (int i = 0; i < frames; i++) {
			st[i] = new StackTraceElement("com.example.very.long.package.name.Service" + i, "method" + i,
					"Service" + i + ".java", i + 1);
		}
		e.setStackTrace(st);
		return e;
	}

	private static List<LogRecord> crumbs(int n, int size) {
		List<LogRecord> out = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			out.add(LogRecord.builder(Level.INFO, "x", "crumb " + i).attributes(Attributes.of("blob", "b".repeat(size)))
					.time(T0).build());
		}
		return out;
	}

	@Test
	void aSmallPayloadIsUntouched() {
		ObjectNode p = events.payload(events.event(LogRecord.builder(Level.ERROR, "x", "m").thrown(deep(10)).time(T0)
				.build(), crumbs(3, 10)));
		String before = p.toString();
		byte[] bytes = trimmer.fit(p);
		assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(before);
	}

	@Test
	void breadcrumbsGoFirst() {
		ObjectNode p = events.payload(events.event(LogRecord.builder(Level.ERROR, "x", "m").thrown(deep(10))
				.attributes(Attributes.of("note", "kept")).time(T0).build(), crumbs(25, 60_000)));
		byte[] bytes = trimmer.fit(p);
		assertThat(bytes.length).isLessThanOrEqualTo(PayloadTrimmer.MAX_PAYLOAD_BYTES);
		JsonNode e = p.get("events").get(0);
		assertThat(e.get("breadcrumbs")).isEmpty();
		assertThat(e.get("metaData").get("context").get("note").asText()).isEqualTo("kept");
		assertThat(e.get("metaData").get("sluice").get("trimmed").asText()).contains("breadcrumbs");
		assertThat(e.get("exceptions").get(0).get("stacktrace")).hasSize(10);
	}

	@Test
	void thenMetaDataThenFramesUntilItFits() {
		ObjectNode p = events.payload(events.event(LogRecord.builder(Level.ERROR, "x", "m").thrown(deep(40_000))
				.attributes(Attributes.of("blob", "m".repeat(2_000_000))).time(T0).build(), crumbs(5, 10)));
		assertThat(PayloadTrimmer.write(p).length).isGreaterThan(3_000_000);
		byte[] bytes = trimmer.fit(p);
		assertThat(bytes.length).isLessThanOrEqualTo(PayloadTrimmer.MAX_PAYLOAD_BYTES);
		JsonNode e = p.get("events").get(0);
		assertThat(e.get("breadcrumbs")).isEmpty();
		assertThat(e.get("metaData").has("context")).isFalse();
		int frames = e.get("exceptions").get(0).get("stacktrace").size();
		assertThat(frames).isBetween(1, 39_999);
		assertThat(e.get("exceptions").get(0).get("stacktrace").get(0).get("method").asText())
				.endsWith("Service0.method0");
		assertThat(e.get("metaData").get("sluice").get("trimmed").asText()).contains("metaData")
				.contains("stack frames");
	}
}
