package dev.sluice.layouts;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Set;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Layouts;

/**
 * One JSON object per record in the Logstash format, with the fields and order of Spring Boot's
 * {@code logging.structured.format.console=logstash}: {@code @timestamp} (ISO-8601 with the zone's
 * offset), {@code @version} ({@code "1"}), {@code message}, {@code logger_name}, {@code thread_name},
 * {@code level} (Logback's names: {@code WARN}, not WARNING), {@code level_value} (Logback's numbers:
 * the level times 1,000), the record's attributes as top-level keys (as Boot writes MDC entries; one
 * that would repeat a field above is left out), and {@code stack_trace} for a throwable. One line per
 * record. Immutable and thread-safe.
 */
public final class LogstashJsonLayout implements Layout {

	private static final Set<String> RESERVED = Set.of("@timestamp", "@version", "message", "logger_name",
			"thread_name", "level", "level_value", "stack_trace", "tags");

	private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	private final ZoneId zone;
	/** Written by any formatting thread: the last second formatted, its text and its zone offset (race-benign). */
	private volatile Object[] secondCache = {Long.MIN_VALUE, "", ""};

	private LogstashJsonLayout(ZoneId zone) {
		this.zone = Objects.requireNonNull(zone, "zone");
	}

	/** The layout with timestamps at the system's zone offset, as Boot writes them. */
	public static LogstashJsonLayout systemZone() {
		return new LogstashJsonLayout(ZoneId.systemDefault());
	}

	/** The layout with timestamps at {@code zone}'s offset. */
	public static LogstashJsonLayout withZone(ZoneId zone) {
		return new LogstashJsonLayout(zone);
	}

	@Override
	public void format(LogRecord r, StringBuilder out) {
		out.append('{');
		JsonText.key("@timestamp", out);
		timestamp(r.epochNanos(), out);
		out.append(",\"@version\":\"1\",");
		JsonText.key("message", out);
		JsonText.string(r.message(), out);
		out.append(',');
		JsonText.key("logger_name", out);
		JsonText.string(r.loggerName(), out);
		out.append(',');
		JsonText.key("thread_name", out);
		JsonText.string(r.threadName(), out);
		out.append(',');
		JsonText.key("level", out);
		JsonText.string(LogbackLevel.name(r.level()), out);
		out.append(",\"level_value\":").append(Math.min(r.level().value(), Level.ERROR.value()) * 1000L);
		Attributes attrs = r.attributes();
		for (int i = 0; i < attrs.size(); i++) {
			String k = attrs.keyAt(i);
			if (!RESERVED.contains(k)) {
				out.append(',');
				JsonText.key(k, out);
				JsonText.value(attrs.valueAt(i), out);
			}
		}
		Throwable t = r.thrown();
		if (t != null) {
			out.append(',');
			JsonText.key("stack_trace", out);
			JsonText.string(Layouts.stackTrace(t), out);
		}
		out.append('}');
	}

	/**
	 * The time as {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME} writes it at the zone's offset (the
	 * fraction with as many digits as it needs, none for a whole second), the second's text and offset
	 * cached, as the ECS layout caches its second.
	 */
	private void timestamp(long nanos, StringBuilder out) {
		long second = Math.floorDiv(nanos, 1_000_000_000L);
		Object[] c = secondCache;
		if ((Long) c[0] != second) {
			OffsetDateTime t = OffsetDateTime.ofInstant(Instant.ofEpochSecond(second), zone);
			c = new Object[] {second, SECOND.format(t), t.getOffset().getId()};
			secondCache = c;
		}
		out.append('"').append((String) c[1]);
		int fraction = (int) Math.floorMod(nanos, 1_000_000_000L);
		if (fraction != 0) {
			int digits = 9;
			while (fraction % 10 == 0) {
				fraction /= 10;
				digits--;
			}
			out.append('.');
			String f = Integer.toString(fraction);
			for (int i = f.length(); i < digits; i++) {
				out.append('0');
			}
			out.append(f);
		}
		out.append((String) c[2]).append('"');
	}

	@Override
	public String toString() {
		return "LogstashJsonLayout{" + zone + '}';
	}
}
