package dev.sluice.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import dev.sluice.events.Event;

/** How {@code sluice events} prints an event: a table row, or one JSON object per line. */
enum EventFormat {

	TABLE, JSON;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
			.withZone(ZoneOffset.UTC);
	private static final String ROW = "%-23s  %-7s  %-8s  %-12s  %-24s  %9s  %s%n";

	void header(PrintStream out) {
		if (this == TABLE) {
			out.printf(ROW, "TIME (UTC)", "LEVEL", "CATEGORY", "USER", "MODULE", "DURATION", "MESSAGE");
		}
	}

	void print(PrintStream out, Event e) {
		if (this == TABLE) {
			StringBuilder message = new StringBuilder(e.message());
			e.attributes().forEach((k, v) -> message.append("  ").append(k).append('=').append(v));
			if (e.operationId() != null) {
				message.append("  op=").append(e.operationId());
			}
			out.printf(ROW, TIME.format(e.time()), e.level().label(), e.category().label(),
					clip(e.user() == null ? "-" : e.user(), 12), clip(e.module(), 24), duration(e.duration()), message);
		}
		else {
			out.println(json(e));
		}
	}

	private static String clip(String s, int width) {
		return s.length() <= width ? s : s.substring(0, width - 1) + "…";
	}

	static String duration(Duration d) {
		if (d == null) {
			return "-";
		}
		long ms = d.toMillis();
		if (ms < 1000) {
			return ms + " ms";
		}
		return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
	}

	static String json(Event e) {
		StringBuilder sb = new StringBuilder(256).append('{');
		field(sb, "Id", e.id().toString());
		field(sb, "Time", e.time().toString());
		field(sb, "Level", e.level().label());
		field(sb, "Priority", e.priority().label());
		field(sb, "Category", e.category().label());
		field(sb, "Module", e.module());
		field(sb, "Message", e.message());
		field(sb, "Detail", e.detail());
		field(sb, "EntryPoint", e.entryPoint());
		field(sb, "User", e.user());
		field(sb, "OperationId", e.operationId());
		field(sb, "ActivityId", e.activityId());
		field(sb, "Primary", e.primary());
		field(sb, "Duration", e.duration() == null ? null : e.duration().toNanos() / 1e9);
		field(sb, "Comments", e.comments());
		for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
			Object v = a.getValue();
			field(sb, a.getKey(), v instanceof Instant ? v.toString() : v);
		}
		return sb.append('}').toString();
	}

	private static void field(StringBuilder sb, String name, Object value) {
		if (value == null) {
			return;
		}
		if (sb.length() > 1) {
			sb.append(',');
		}
		quote(sb, name).append(':');
		if (value instanceof Boolean || value instanceof Long) {
			sb.append(value);
		}
		else if (value instanceof Double) {
			double d = (Double) value;
			sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
		}
		else {
			quote(sb, value.toString());
		}
	}

	private static StringBuilder quote(StringBuilder sb, String s) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
			case '"':
				sb.append("\\\"");
				break;
			case '\\':
				sb.append("\\\\");
				break;
			case '\n':
				sb.append("\\n");
				break;
			case '\r':
				sb.append("\\r");
				break;
			case '\t':
				sb.append("\\t");
				break;
			default:
				if (c < 0x20) {
					sb.append(String.format("\\u%04x", (int) c));
				}
				else {
					sb.append(c);
				}
			}
		}
		return sb.append('"');
	}
}
