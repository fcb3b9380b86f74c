package dev.sluice.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.options.SinkOptions;

class SlackMessagesTest {

	private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

	static SlackSettings settings(Map<String, Object> extra) {
		Map<String, Object> m = new java.util.HashMap<>(Map.of("api_key", "xoxb-1-2-abc", "channel", "#general"));
		m.putAll(extra);
		SinkOptions o = SinkOptions.of(m);
		SlackSettings s = SlackSettings.read(o);
		o.validate();
		return s;
	}

	private static SlackLine line(Level level, String msg, Instant t, int order) {
		LogRecord r = LogRecord.builder(level, "jibe.provider", msg).time(t).build();
		return new SlackLine(r, SlackText.escape(r.message()), SlackLine.groupKey(r), order);
	}

	@Test
	void eachGroupIsColouredByItsOwnLevel() {
		ObjectNode body = new SlackMessages(settings(Map.of())).message(List.of(
				line(Level.WARNING, "New bucket - Shared Media/a", T0, 0),
				line(Level.ERROR, "Bucket removed <x> & y", T0, 1),
				line(Level.INFO, "Start Folder Monitor", T0, 2)));
		JsonNode a = body.get("attachments");
		assertThat(a).hasSize(3);
		assertThat(a.get(0).get("color").asText()).isEqualTo("warning");
		assertThat(a.get(1).get("color").asText()).isEqualTo("danger");
		assertThat(a.get(2).get("color").asText()).isEqualTo("good");
		assertThat(body.get("text").asText()).isEqualTo(
				"New bucket - Shared Media/a\nBucket removed &lt;x&gt; &amp; y\nStart Folder Monitor");
		assertThat(body.get("channel").asText()).isEqualTo("#general");
		assertThat(body.get("username").asText()).isEqualTo("Python logger");
		assertThat(body.get("icon_emoji").asText()).isEqualTo(":exclamation:");
	}

	@Test
	void aBurstOfOneTemplateIsOneLineWithItsCountAndSpan() {
		List<SlackLine> lines = new ArrayList<>();
		for (int i = 0; i < 37; i++) {
			lines.add(line(Level.WARNING, "Providers Sync Delayed", T0.plusSeconds(i * 60L / 36), 0));
		}
		lines.add(line(Level.WARNING, "Found New Provider", T0, 1));
		ObjectNode body = new SlackMessages(settings(Map.of())).message(lines);
		assertThat(body.get("text").asText())
				.isEqualTo("Providers Sync Delayed (x37 in 60 s)\nFound New Provider");
		assertThat(body.get("attachments")).hasSize(2);
	}

	@Test
	void fieldsHoldLoggerLevelTimeAndAttributesWithinSlacksLimits() {
		Attributes attrs = Attributes.empty();
		for (int i = 0; i < 12; i++) {
			attrs = attrs.with("k" + i, "v".repeat(3_000));
		}
		LogRecord r = LogRecord.builder(Level.WARNING, "jibe.provider", "m").time(T0).attributes(attrs).build();
		ObjectNode body = new SlackMessages(settings(Map.of())).message(
				List.of(new SlackLine(r, "m", SlackLine.groupKey(r), 0)));
		JsonNode fields = body.get("attachments").get(0).get("blocks").get(1).get("fields");
		assertThat(fields).hasSize(10);
		assertThat(fields.get(0).get("text").asText()).isEqualTo("*Logger*\njibe.provider");
		assertThat(fields.get(1).get("text").asText()).isEqualTo("*Level*\nWARNING");
		assertThat(fields.get(2).get("text").asText()).isEqualTo("*Time*\n2026-11-23T10:00:00Z");
		assertThat(fields.get(9).get("text").asText()).contains("6 more attributes");
		for (JsonNode f : fields) {
			assertThat(SlackText.length(f.get("text").asText())).isLessThanOrEqualTo(2_000);
		}
	}

	@Test
	void manyGroupsStayWithinFiftyBlocks() {
		List<SlackLine> lines = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			lines.add(line(i % 2 == 0 ? Level.WARNING : Level.ERROR, "message " + i + " {}", T0, i));
		}
		ObjectNode body = new SlackMessages(settings(Map.of())).message(lines);
		int blocks = 0;
		for (JsonNode a : body.get("attachments")) {
			blocks += a.get("blocks").size();
		}
		assertThat(blocks).isLessThanOrEqualTo(50);
		assertThat(body.get("attachments").size()).isLessThanOrEqualTo(100);
		JsonNode last = body.get("attachments").get(body.get("attachments").size() - 1);
		assertThat(last.get("fallback").asText()).contains("more lines");
		assertThat(SlackText.length(body.get("text").asText())).isLessThanOrEqualTo(4_000);
	}

	@Test
	void usersArePingedFromThePingLevel() {
		SlackMessages m = new SlackMessages(settings(Map.of("ping_users", List.of("@U012AB3CD", "U999"),
				"ping_level", "ERROR")));
		assertThat(m.message(List.of(line(Level.WARNING, "w", T0, 0))).get("text").asText()).isEqualTo("w");
		assertThat(m.message(List.of(line(Level.WARNING, "w", T0, 0), line(Level.ERROR, "e", T0, 1)))
				.get("text").asText()).isEqualTo("<@U012AB3CD> <@U999> w\ne");
	}

	@Test
	void iconEmojiWinsOverIconUrl() {
		ObjectNode body = new SlackMessages(settings(Map.of("icon_emoji", ":rotating_light:", "icon_url",
				"https://x/i.png", "username", "Jibe"))).message(List.of(line(Level.WARNING, "w", T0, 0)));
		assertThat(body.get("icon_emoji").asText()).isEqualTo(":rotating_light:");
		assertThat(body.has("icon_url")).isFalse();
		assertThat(body.get("username").asText()).isEqualTo("Jibe");
	}

	@Test
	void anIconUrlAloneIsUsedInsteadOfTheDefaultEmoji() {
		ObjectNode body = new SlackMessages(settings(Map.of("icon_url", "https://x/i.png")))
				.message(List.of(line(Level.WARNING, "w", T0, 0)));
		assertThat(body.get("icon_url").asText()).isEqualTo("https://x/i.png");
		assertThat(body.has("icon_emoji")).isFalse();
	}
}
