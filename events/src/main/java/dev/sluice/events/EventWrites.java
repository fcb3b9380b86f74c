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

	static Mono<Void> insertEvents(Connection c, List<Event> events) {
		Statement s = c.createStatement(EventSchema.INSERT_EVENT);
		for (int i = 0; i < events.size(); i++) {
			if (i > 0) {
				s.add();
			}
			Event e = events.get(i);
			s.bind(0, e.id().toString()).bind(1, EventRows.nanos(e.time())).bind(2, e.level().label())
					.bind(3, e.priority().label()).bind(4, e.category().label()).bind(5, e.module())
					.bind(6, e.message());
			bindText(s, 7, e.detail());
			bindText(s, 8, e.entryPoint());
			bindText(s, 9, e.user());
			bindText(s, 10, e.operationId());
			bindText(s, 11, e.activityId());
			s.bind(12, e.primary());
			if (e.duration() == null) {
				s.bindNull(13, Long.class);
			}
			else {
				s.bind(13, e.duration().toNanos());
			}
			bindText(s, 14, e.comments());
		}
		return Flux.from(s.execute()).flatMap(Result::getRowsUpdated).then();
	}

	static Mono<Void> insertAttributes(Connection c, List<Event> events) {
		Statement s = null;
		boolean first = true;
		for (Event e : events) {
			int pos = 0;
			for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
				if (s == null) {
					s = c.createStatement(EventSchema.INSERT_ATTRIBUTE);
				}
				if (!first) {
					s.add();
				}
				first = false;
				Object v = a.getValue();
				char kind = EventRows.kind(v);
				s.bind(0, e.id().toString()).bind(1, pos++).bind(2, a.getKey()).bind(3, String.valueOf(kind));
				bindText(s, 4, kind == 's' ? (String) v : kind == 'b' ? v.toString() : null);
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
					s.bindNull(5, Long.class);
				}
				else {
					s.bind(5, l);
				}
				if (kind == 'd') {
					s.bind(6, v);
				}
				else {
					s.bindNull(6, Double.class);
				}
			}
		}
		if (s == null) {
			return Mono.empty();
		}
		return Flux.from(s.execute()).flatMap(Result::getRowsUpdated).then();
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
