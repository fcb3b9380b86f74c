package dev.sluice.events;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.LogRecord;

/** Conversions between event records, events and the store's columns. Stateless. */
final class EventRows {

	/** Longest Detail kept; a longer stack trace is cut with a note (the message keeps the cause). */
	static final int MAX_DETAIL = 200_000;

	private EventRows() {
	}

	static long nanos(Instant t) {
		return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
	}

	static Instant instant(long nanos) {
		return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
	}

	/** Whether {@code record} is an event record (carries the marker). */
	static boolean isEvent(LogRecord record) {
		Object m = record.attributes().get(EventKeys.MARKER);
		return Boolean.TRUE.equals(m) || "true".equals(m);
	}

	/**
	 * The event of an event record: Id made by {@code ids} from the record's time, Level mapped
	 * from the record's (below INFO counts as info), Detail from its throwable.
	 */
	static Event fromRecord(LogRecord record, UuidV7 ids) {
		Attributes a = record.attributes();
		EventLevel level = EventLevel.of(record.level());
		UUID given = uuidOrNull(recordId(record));
		Event.Builder b = Event.builder()
				.id(given != null ? given : ids.next(record.epochMillis()))
				.time(record.instant())
				.level(level == null ? EventLevel.INFO : level)
				.message(record.message())
				.detail(detail(record.thrown()));
		Object module = a.get(EventKeys.MODULE);
		b.module(module == null ? record.loggerName() : module.toString());
		for (int i = 0; i < a.size(); i++) {
			String name = a.keyAt(i);
			Object v = a.valueAt(i);
			switch (name) {
			case EventKeys.CATEGORY:
				b.category(orDefault(v, Category.SYSTEM, true));
				break;
			case EventKeys.PRIORITY:
				b.priority(orDefault(v, Priority.LOW, false));
				break;
			case EventKeys.PRIMARY:
				b.primary(Boolean.TRUE.equals(v) || "true".equals(v));
				break;
			case EventKeys.DURATION:
				if (v instanceof Duration) {
					b.duration((Duration) v);
				}
				break;
			case EventKeys.ENTRY_POINT:
				b.entryPoint(v.toString());
				break;
			case EventKeys.USER:
				b.user(v.toString());
				break;
			case EventKeys.OPERATION_ID:
				b.operationId(v.toString());
				break;
			case EventKeys.ACTIVITY_ID:
				b.activityId(v.toString());
				break;
			case EventKeys.COMMENTS:
				b.comments(v.toString());
				break;
			case EventKeys.RECORD_ID:
				if (given == null) {
					b.attribute(name, AttributeValues.lenient(name, v)); // not a UUID: kept, queryable
				}
				break;
			default:
				if (!EventKeys.STANDARD.contains(name)) {
					b.attribute(name, AttributeValues.lenient(name, v));
				}
			}
		}
		return b.build();
	}

	/**
	 * The record's own id: attribute {@value EventKeys#RECORD_ID} (what the Kafka wire format's
	 * {@code id} field becomes), else {@value EventKeys#ID}; null when it has none.
	 */
	static String recordId(LogRecord record) {
		Object v = record.attributes().get(EventKeys.RECORD_ID);
		if (v == null) {
			v = record.attributes().get(EventKeys.ID);
		}
		return v == null ? null : v.toString();
	}

	private static UUID uuidOrNull(String text) {
		if (text == null || text.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> T orDefault(Object v, T fallback, boolean category) {
		try {
			return (T) (category ? Category.parse(v) : Priority.parse(v));
		}
		catch (IllegalArgumentException e) {
			return fallback; // checked at the call; only a hand-made record gets here
		}
	}

	static String detail(Throwable t) {
		if (t == null) {
			return null;
		}
		StringWriter w = new StringWriter();
		t.printStackTrace(new PrintWriter(w));
		String s = w.toString();
		if (s.length() > MAX_DETAIL) {
			s = s.substring(0, MAX_DETAIL) + "\n... (cut at " + MAX_DETAIL + " characters)";
		}
		return s;
	}
}
