package dev.sluice.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The store's reads on one connection: event rows, then their custom attributes. Stateless. */
final class EventReads {

	private EventReads() {
	}

	/** The standard columns, each prefixed with {@code e.}. */
	static String prefixed() {
		return "e." + EventSchema.COLUMNS.replace(", ", ", e.");
	}

	/** Runs a select of event rows and fetches their attributes; emits the rows as {@link SeqEvent}s, in order. */
	static Mono<List<SeqEvent>> page(Connection c, String sql, java.util.function.Consumer<Statement> binder) {
		Statement s = c.createStatement(sql);
		binder.accept(s);
		return Flux.from(s.execute()).flatMap(r -> r.map(EventReads::readRow)).collectList()
				.flatMap(rows -> attributesOf(c, rows).map(attrs -> assemble(rows, attrs)));
	}

	/** An event with the store's insertion number. */
	record SeqEvent(long seq, Event event) {
	}

	private record RawRow(long seq, Event.Builder builder, String id) {
	}

	private static Mono<Map<String, Map<String, Object>>> attributesOf(Connection c, List<RawRow> rows) {
		if (rows.isEmpty()) {
			return Mono.just(Map.of());
		}
		StringBuilder sql = new StringBuilder("SELECT event_id, name, kind, text_value, long_value, double_value FROM ")
				.append(EventSchema.ATTRIBUTES).append(" WHERE event_id IN (");
		for (int i = 0; i < rows.size(); i++) {
			sql.append(i == 0 ? "$" : ", $").append(i + 1);
		}
		sql.append(") ORDER BY event_id, pos");
		Statement s = c.createStatement(sql.toString());
		for (int i = 0; i < rows.size(); i++) {
			s.bind(i, rows.get(i).id());
		}
		return Flux.from(s.execute()).flatMap(r -> r.map((row, meta) -> new Object[] {
				row.get(0, String.class), row.get(1, String.class),
				EventRows.value(row.get(2, String.class).trim(), row.get(3, String.class), toLong(row.get(4)),
						toDouble(row.get(5)))}))
				.collect(HashMap::new, (Map<String, Map<String, Object>> m, Object[] a) -> m
						.computeIfAbsent((String) a[0], k -> new LinkedHashMap<>()).put((String) a[1], a[2]));
	}

	private static List<SeqEvent> assemble(List<RawRow> rows, Map<String, Map<String, Object>> attrs) {
		List<SeqEvent> out = new ArrayList<>(rows.size());
		for (RawRow r : rows) {
			Map<String, Object> a = attrs.get(r.id());
			if (a != null) {
				a.forEach(r.builder()::attribute);
			}
			out.add(new SeqEvent(r.seq(), r.builder().build()));
		}
		return out;
	}

	private static RawRow readRow(Row row, RowMetadata meta) {
		Long duration = toLong(row.get(14));
		String id = row.get(0, String.class);
		Event.Builder b = Event.builder()
				.id(EventRows.uuid(id))
				.time(EventRows.instant(toLong(row.get(2))))
				.level(EventLevel.parse(row.get(3, String.class)))
				.priority(Priority.parse(row.get(4, String.class)))
				.category(Category.parse(row.get(5, String.class)))
				.module(row.get(6, String.class))
				.message(row.get(7, String.class))
				.detail(row.get(8, String.class))
				.entryPoint(row.get(9, String.class))
				.user(row.get(10, String.class))
				.operationId(row.get(11, String.class))
				.activityId(row.get(12, String.class))
				.primary(Boolean.TRUE.equals(row.get(13, Boolean.class)))
				.duration(duration == null ? null : Duration.ofNanos(duration))
				.comments(row.get(15, String.class));
		return new RawRow(toLong(row.get(1)), b, id);
	}

	static Long toLong(Object v) {
		return v == null ? null : ((Number) v).longValue();
	}

	static Double toDouble(Object v) {
		return v == null ? null : ((Number) v).doubleValue();
	}
}
