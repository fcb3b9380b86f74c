package dev.sluice.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The store's writes on one connection (the caller owns the connection and the transaction).
 * Stateless.
 */
final class EventWrites {

	/** Most ids bound in one {@code IN (...)} lookup (PostgreSQL takes at most 32,767 parameters). */
	private static final int ID_CHUNK = 500;

	private EventWrites() {
	}

	/**
	 * Which of {@code ids} are stored already; reads through {@code c} (inside the caller's
	 * transaction, so a batch sees the store as it will commit against).
	 */
	static Mono<Set<String>> existing(Connection c, List<String> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Set.of());
		}
		List<List<String>> chunks = new ArrayList<>();
		for (int i = 0; i < ids.size(); i += ID_CHUNK) {
			chunks.add(ids.subList(i, Math.min(ids.size(), i + ID_CHUNK)));
		}
		return Flux.fromIterable(chunks).concatMap(chunk -> {
			StringBuilder sql = new StringBuilder("SELECT id FROM ").append(EventSchema.EVENTS).append(" WHERE id IN (");
			for (int i = 0; i < chunk.size(); i++) {
				sql.append(i == 0 ? "$" : ", $").append(i + 1);
			}
			Statement s = c.createStatement(sql.append(')').toString());
			for (int i = 0; i < chunk.size(); i++) {
				s.bind(i, chunk.get(i));
			}
			return Flux.from(s.execute()).flatMap(r -> r.map((row, meta) -> row.get(0, String.class)));
		}).collect(HashSet::new, Set::add);
	}

	/** Rows per multi-row INSERT: 15 parameters an event row, 7 an attribute row, under PostgreSQL's 32,767. */
	private static final int EVENT_ROWS = 1_000;
	private static final int ATTRIBUTE_ROWS = 2_000;

	/**
	 * Inserts {@code events} with one multi-row {@code INSERT ... VALUES (...), (...)} statement per
	 * {@link #EVENT_ROWS} events: one round trip (one statement for the driver to run) per chunk,
	 * where a statement with one binding set per row runs once per row on H2's R2DBC driver.
	 */
	static Mono<Void> insertEvents(Connection c, List<Event> events) {
		return Flux.fromIterable(chunks(events, EVENT_ROWS)).concatMap(chunk -> {
			Statement s = c.createStatement(multiRow(EventSchema.INSERT_EVENT_HEAD, 15, chunk.size()));
			int p = 0;
			for (Event e : chunk) {
				s.bind(p, e.id().toString()).bind(p + 1, EventRows.nanos(e.time())).bind(p + 2, e.level().label())
						.bind(p + 3, e.priority().label()).bind(p + 4, e.category().label()).bind(p + 5, e.module())
						.bind(p + 6, e.message());
				bindText(s, p + 7, e.detail());
				bindText(s, p + 8, e.entryPoint());
				bindText(s, p + 9, e.user());
				bindText(s, p + 10, e.operationId());
				bindText(s, p + 11, e.activityId());
				s.bind(p + 12, e.primary());
				if (e.duration() == null) {
					s.bindNull(p + 13, Long.class);
				}
				else {
					s.bind(p + 13, e.duration().toNanos());
				}
				bindText(s, p + 14, e.comments());
				p += 15;
			}
			return Flux.from(s.execute()).flatMap(Result::getRowsUpdated).then();
		}).then();
	}

	/** One attribute row to insert. */
	private record AttributeRow(String eventId, int pos, String name, Object value) {
	}

	/** Inserts the custom attributes of {@code events}, {@link #ATTRIBUTE_ROWS} rows per statement. */
	static Mono<Void> insertAttributes(Connection c, List<Event> events) {
		List<AttributeRow> rows = new ArrayList<>();
		for (Event e : events) {
			int pos = 0;
			String id = e.id().toString();
			for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
				rows.add(new AttributeRow(id, pos++, a.getKey(), a.getValue()));
			}
		}
		if (rows.isEmpty()) {
			return Mono.empty();
		}
		return Flux.fromIterable(chunks(rows, ATTRIBUTE_ROWS)).concatMap(chunk -> {
			Statement s = c.createStatement(multiRow(EventSchema.INSERT_ATTRIBUTE_HEAD, 7, chunk.size()));
			int p = 0;
			for (AttributeRow a : chunk) {
				Object v = a.value();
				char kind = EventRows.kind(v);
				s.bind(p, a.eventId()).bind(p + 1, a.pos()).bind(p + 2, a.name()).bind(p + 3, String.valueOf(kind));
				bindText(s, p + 4, kind == 's' ? (String) v : kind == 'b' ? v.toString() : null);
				Long l = null;
				if (kind == 'i') {
					l = (Long) v;
				}
				else if (kind == 'b') {
					l = (Boolean) v ? 1L : 0L;
				}
				else if (kind == 't') {
					l = EventRows.nanos((Instant) v);
				}
				if (l == null) {
					s.bindNull(p + 5, Long.class);
				}
				else {
					s.bind(p + 5, l);
				}
				if (kind == 'd') {
					s.bind(p + 6, v);
				}
				else {
					s.bindNull(p + 6, Double.class);
				}
				p += 7;
			}
			return Flux.from(s.execute()).flatMap(Result::getRowsUpdated).then();
		}).then();
	}

	/** {@code head} followed by {@code rows} groups of {@code columns} numbered parameters. */
	private static String multiRow(String head, int columns, int rows) {
		StringBuilder sql = new StringBuilder(head.length() + rows * columns * 5).append(head).append(" VALUES ");
		int n = 1;
		for (int r = 0; r < rows; r++) {
			sql.append(r == 0 ? "(" : ", (");
			for (int col = 0; col < columns; col++) {
				sql.append(col == 0 ? "$" : ", $").append(n++);
			}
			sql.append(')');
		}
		return sql.toString();
	}

	private static <T> List<List<T>> chunks(List<T> all, int size) {
		List<List<T>> out = new ArrayList<>();
		for (int i = 0; i < all.size(); i += size) {
			out.add(all.subList(i, Math.min(all.size(), i + size)));
		}
		return out;
	}

	private static void bindText(Statement s, int index, String value) {
		if (value == null) {
			s.bindNull(index, String.class);
		}
		else {
			s.bind(index, value);
		}
	}
}
