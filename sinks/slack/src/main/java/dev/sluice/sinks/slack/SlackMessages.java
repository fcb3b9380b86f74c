package dev.sluice.sinks.slack;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;

/**
 * Lays out the lines of one request as one Slack message: the {@code text} (the formatter's
 * lines, escaped, bursts grouped, at most 4,000 characters, user mentions first when a line
 * reaches {@code ping_level}), and one attachment per group coloured by that group's level
 * (danger at ERROR and above, warning at WARNING, good below) with Block Kit sections holding the
 * line and the logger, level, time, count and context attributes as fields.
 *
 * <p>Slack's limits are kept by cutting with a marker, never by failing: 3,000 characters per
 * section text, 10 fields of 2,000 characters, 50 blocks (two per attachment, so at most 25
 * attachments, the last one summing up the groups left out), 100 attachments. Pure; thread-safe.
 */
final class SlackMessages {

	static final ObjectMapper JSON = new ObjectMapper();

	static {
		// Slack's replies are read on Netty's event loops: fill Jackson's deserializer cache here,
		// on the thread that loads this class, so that no event loop waits on the cache's lock
		try {
			JSON.readTree("{\"ok\":true}");
		}
		catch (java.io.IOException e) {
			throw new ExceptionInInitializerError(e);
		}
	}
	static final int MAX_BLOCKS = 50;
	static final int MAX_FIELDS = 10;
	/** Two blocks per attachment: the line and its fields. */
	static final int MAX_ATTACHMENTS = MAX_BLOCKS / 2;
	private static final int FIXED_FIELDS = 3;

	private final SlackSettings settings;

	SlackMessages(SlackSettings settings) {
		this.settings = settings;
	}

	/** The colour of a level: Slack's named colours. */
	static String colour(Level level) {
		int v = level.value();
		return v >= Level.ERROR.value() ? "danger" : v >= Level.WARNING.value() ? "warning" : "good";
	}

	/** The JSON body of {@code chat.postMessage} (or of an incoming webhook) for {@code lines}. */
	ObjectNode message(List<SlackLine> lines) {
		List<LineGroup> groups = LineGroup.of(lines);
		ObjectNode body = JSON.createObjectNode();
		if (settings.channel() != null) {
			body.put("channel", settings.channel());
		}
		body.put("text", text(groups));
		body.put("username", settings.username());
		if (settings.iconEmoji() != null) {
			body.put("icon_emoji", settings.iconEmoji());
		}
		else if (settings.iconUrl() != null) {
			body.put("icon_url", settings.iconUrl());
		}
		else {
			body.put("icon_emoji", SlackSettings.DEFAULT_ICON_EMOJI);
		}
		body.put("unfurl_links", false);
		body.put("unfurl_media", false);
		ArrayNode attachments = body.putArray("attachments");
		int shown = Math.min(groups.size(), groups.size() > MAX_ATTACHMENTS ? MAX_ATTACHMENTS - 1 : MAX_ATTACHMENTS);
		for (int i = 0; i < shown; i++) {
			attachments.add(attachment(groups.get(i)));
		}
		if (shown < groups.size()) {
			attachments.add(rest(groups.subList(shown, groups.size())));
		}
		return body;
	}

	/** The message text: mentions when due, then one line per group, cut to 4,000 characters. */
	String text(List<LineGroup> groups) {
		StringBuilder sb = new StringBuilder(256);
		if (!settings.pingUsers().isEmpty() && maxLevel(groups) >= settings.pingLevel().value()) {
			for (String user : settings.pingUsers()) {
				sb.append("<@").append(user).append("> ");
			}
		}
		for (int i = 0; i < groups.size(); i++) {
			if (i > 0) {
				sb.append('\n');
			}
			sb.append(groups.get(i).line());
		}
		return SlackText.cut(sb.toString(), SlackText.MAX_MESSAGE_TEXT);
	}

	private static int maxLevel(List<LineGroup> groups) {
		int max = Integer.MIN_VALUE;
		for (LineGroup g : groups) {
			max = Math.max(max, g.first().level().value());
		}
		return max;
	}

	private ObjectNode attachment(LineGroup group) {
		SlackLine line = group.first();
		ObjectNode a = JSON.createObjectNode();
		a.put("color", colour(line.level()));
		a.put("fallback", SlackText.cut(group.line(), 300));
		ArrayNode blocks = a.putArray("blocks");
		blocks.add(section(group.line()));
		ObjectNode fields = blocks.addObject();
		fields.put("type", "section");
		ArrayNode f = fields.putArray("fields");
		f.add(field("Logger", SlackText.escape(line.record().loggerName())));
		f.add(field("Level", line.level().name()));
		f.add(field("Time", Instant.ofEpochMilli(line.record().epochMillis()).toString()
				+ (group.count() > 1 ? " (x" + group.count() + " in " + group.spanSeconds() + " s)" : "")));
		Attributes attrs = line.record().attributes();
		int room = MAX_FIELDS - FIXED_FIELDS;
		int n = attrs.size();
		for (int i = 0; i < n && i < room; i++) {
			if (i == room - 1 && n > room) {
				f.add(field("…", (n - i) + " more attributes"));
				break;
			}
			f.add(field(SlackText.escape(attrs.keyAt(i)), SlackText.escape(String.valueOf(attrs.valueAt(i)))));
		}
		return a;
	}

	private static ObjectNode rest(List<LineGroup> groups) {
		int records = 0;
		int max = Integer.MIN_VALUE;
		for (LineGroup g : groups) {
			records += g.count();
			max = Math.max(max, g.first().level().value());
		}
		ObjectNode a = JSON.createObjectNode();
		a.put("color", colour(Level.of(max)));
		String summary = "… " + groups.size() + " more lines (" + records + " records) are in the message text";
		a.put("fallback", summary);
		a.putArray("blocks").add(section(summary));
		return a;
	}

	private static ObjectNode section(String mrkdwn) {
		ObjectNode s = JSON.createObjectNode();
		s.put("type", "section");
		ObjectNode t = s.putObject("text");
		t.put("type", "mrkdwn");
		t.put("text", SlackText.cut(mrkdwn, SlackText.MAX_SECTION_TEXT));
		return s;
	}

	private static ObjectNode field(String label, String value) {
		ObjectNode t = JSON.createObjectNode();
		t.put("type", "mrkdwn");
		t.put("text", SlackText.cut("*" + label + "*\n" + value, SlackText.MAX_FIELD_TEXT));
		return t;
	}
}
