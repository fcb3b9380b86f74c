package dev.sluice.events;

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
	static final int ID_CHUNK = 500;

	private EventWrites() {
	}

	/**
	 * Which of {@code ids} are stored already; reads through {@code c} (inside the caller's
	 * transaction, so a batch sees the store as it will commit against).
	 */
	static Mono<Set<java.util.UUID>> existing(Connection c, List<java.util.UUID> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Set.of());
		}
		return Flux.fromIterable(chunks(ids, ID_CHUNK)).concatMap(chunk -> {
			Statement s = c.createStatement("SELECT id FROM " + EventSchema.EVENTS + " WHERE id IN ("
					+ placeholders(1, chunk.size()) + ")");
			for (int i = 0; i < chunk.size(); i++) {
				s.bind(i, chunk.get(i));
			}
			return Flux.from(s.execute()).flatMap(r -> r.map((row, meta) -> row.get(0, java.util.UUID.class)));
		}).collect(HashSet::new, Set::add);
	}

	/** Rows per multi-row INSERT: 16 parameters an event row, 3 a key row, under PostgreSQL's 32,767. */
	static final int EVENT_ROWS = 1_000;
	static final int KEY_ROWS = 5_000;

	/**
	 * Inserts {@code events} with one multi-row {@code INSERT ... VALUES (...), (...)} statement per
	 * {@link #EVENT_ROWS} events (custom attributes in the row, as JSON), then their attribute keys
	 * the same way: a batch is a few statements, whatever its attributes (a statement with one
	 * binding set per row would run once per row on H2's R2DBC driver).
	 */
	static Mono<Void> insert(Connection c, List<Event> events) {
		return insertEvents(c, events).then(insertKeys(c, events));
	}

	/**
	 * As {@link #insert(Connection, List)}; on PostgreSQL ({@code postgres}) through
	 * {@link PostgresCopy}'s {@code COPY}, for a batch of more than a few events.
	 */
	static Mono<Void> insert(Connection c, List<Event> events, boolean postgres) {
		if (postgres && events.size() >= COPY_FROM && PostgresCopy.applies(c)) {
			return PostgresCopy.insert(c, events);
		}
		// PostgreSQL finds attributes through its jsonb index (EventSchema.ATTRIBUTES_INDEX): no key rows
		return postgres ? insertEvents(c, events) : insert(c, events);
	}

	/** The columns an event row is written with ({@link EventSchema#WRITTEN_COLUMNS}). */
	static final int ROW_COLUMNS = 16;

	/** The Java type of each written column, in order (for binding a null). */
	static final Class<?>[] ROW_TYPES = {java.util.UUID.class, Long.class, String.class, String.class, String.class,
			String.class, String.class, String.class, String.class, String.class, String.class, String.class,
			Boolean.class, Long.class, String.class, String.class};

	/**
	 * The values of {@code e}'s row in {@link EventSchema#WRITTEN_COLUMNS} order, null for a null
	 * column: the Id, the time in nanoseconds, labels, texts, the duration in nanoseconds and the
	 * custom attributes as JSON.
	 */
	static Object[] rowValues(Event e) {
		return new Object[] {e.id(), EventRows.nanos(e.time()), e.level().label(), e.priority().label(),
				e.category().label(), e.module(), e.message(), e.detail(), e.entryPoint(), e.user(), e.operationId(),
				e.activityId(), e.primary(), e.duration() == null ? null : e.duration().toNanos(), e.comments(),
				AttributeJson.write(e.attributes())};
	}

	/** Below this many events an INSERT is as quick as a COPY (which costs a round trip per table). */
	private static final int COPY_FROM = 8;

	private static Mono<Void> insertEvents(Connection c, List<Event> events) {
		return Flux.fromIterable(chunks(events, EVENT_ROWS)).concatMap(chunk -> {
			Statement s = c.createStatement(multiRow(EventSchema.INSERT_EVENT_HEAD, ROW_COLUMNS, chunk.size()));
			int p = 0;
			for (Event e : chunk) {
				Object[] values = rowValues(e);
				for (int i = 0; i < ROW_COLUMNS; i++) {
					if (values[i] == null) {
						s.bindNull(p + i, ROW_TYPES[i]);
					}
					else {
						s.bind(p + i, values[i]);
					}
				}
				p += ROW_COLUMNS;
			}
			return Flux.from(s.execute()).flatMap(Result::getRowsUpdated).then();
		}).then();
	}

	/** One attribute-key row: the event's Id and its {@link AttributeKey}, split into the indexed prefix and the rest. */
	record KeyRow(java.util.UUID eventId, String prefix, String rest) {
	}

	/** The attribute-key rows of {@code events}, in order. */
	static List<KeyRow> keyRows(List<Event> events) {
		List<KeyRow> rows = new ArrayList<>();
		for (Event e : events) {
			for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
				String key = AttributeKey.of(a.getKey(), a.getValue());
				rows.add(new KeyRow(e.id(), AttributeKey.prefix(key), AttributeKey.rest(key)));
			}
		}
		return rows;
	}

	/** Inserts the attribute keys of {@code events}, {@link #KEY_ROWS} rows per statement. */
	private static Mono<Void> insertKeys(Connection c, List<Event> events) {
		List<KeyRow> rows = keyRows(events);
		if (rows.isEmpty()) {
			return Mono.empty();
		}
		return Flux.fromIterable(chunks(rows, KEY_ROWS)).concatMap(chunk -> {
			Statement s = c.createStatement(multiRow(EventSchema.INSERT_KEY_HEAD, 3, chunk.size()));
			int p = 0;
			for (KeyRow k : chunk) {
				s.bind(p, k.eventId()).bind(p + 1, k.prefix());
				bindText(s, p + 2, k.rest());
				p += 3;
			}
			return Flux.from(s.execute()).flatMap(Result::getRowsUpdated).then();
		}).then();
	}

	/** {@code count} numbered parameters from {@code $first}: {@code "$1, $2, $3"}. */
	static String placeholders(int first, int count) {
		return placeholders(first, count, true);
	}

	/**
	 * {@code count} parameters: numbered from {@code $first} ({@code numbered}, R2DBC's) or, for JDBC,
	 * positional ({@code "?, ?, ?"}).
	 */
	static String placeholders(int first, int count, boolean numbered) {
		StringBuilder sb = new StringBuilder(count * 5);
		for (int i = 0; i < count; i++) {
			if (numbered) {
				sb.append(i == 0 ? "$" : ", $").append(first + i);
			}
			else {
				sb.append(i == 0 ? "?" : ", ?");
			}
		}
		return sb.toString();
	}

	/**
	 * Inserts those of {@code events} whose Id is not stored yet (as {@link #insert(Connection, List, boolean)});
	 * emits how many were skipped. Reads and writes through {@code c}, in the caller's transaction.
	 */
	static Mono<Integer> insertNew(Connection c, List<Event> events, boolean postgres) {
		List<java.util.UUID> ids = new ArrayList<>(events.size());
		for (Event e : events) {
			ids.add(e.id());
		}
		return existing(c, ids).flatMap(stored -> {
			List<Event> fresh = withoutStored(events, stored);
			return insert(c, fresh, postgres).thenReturn(events.size() - fresh.size());
		});
	}

	/** {@code events} without those whose Id is in {@code stored} ({@code events} itself when none is). */
	static List<Event> withoutStored(List<Event> events, Set<java.util.UUID> stored) {
		if (stored.isEmpty()) {
			return events;
		}
		List<Event> fresh = new ArrayList<>(events.size());
		for (Event e : events) {
			if (!stored.contains(e.id())) {
				fresh.add(e);
			}
		}
		return fresh;
	}

	/** {@code head} followed by {@code rows} groups of {@code columns} numbered parameters ({@code $n}, R2DBC's). */
	private static String multiRow(String head, int columns, int rows) {
		return multiRow(head, columns, rows, true);
	}

	/**
	 * {@code head} followed by {@code rows} groups of {@code columns} parameters: numbered ({@code $n})
	 * or, for JDBC, positional ({@code ?}).
	 */
	static String multiRow(String head, int columns, int rows, boolean numbered) {
		StringBuilder sql = new StringBuilder(head.length() + rows * columns * 5).append(head).append(" VALUES ");
		for (int r = 0; r < rows; r++) {
			sql.append(r == 0 ? "(" : ", (").append(placeholders(r * columns + 1, columns, numbered)).append(')');
		}
		return sql.toString();
	}

	/** {@code all} in consecutive views of at most {@code size} elements. */
	static <T> List<List<T>> chunks(List<T> all, int size) {
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
