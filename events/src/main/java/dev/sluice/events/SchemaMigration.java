package dev.sluice.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Brings a store made by an earlier Sluice to the current schema when it is opened. Version 1
 * kept the Id as text and each custom attribute as a typed row of its own; version 2
 * ({@link EventSchema}) keeps them in the event's row. The old tables are renamed, the new ones
 * made, the events copied in insertion order a page at a time (each page in one transaction, Ids
 * stored already skipped, so that a migration cut short goes on where it stopped the next time the
 * store opens), then the old tables dropped. Stateless.
 */
final class SchemaMigration {

	static final String V1_EVENTS = "sluice_events_v1";
	static final String V1_ATTRIBUTES_RENAMED = "sluice_event_attributes_v1";
	private static final String V1_COLUMNS = "id, seq, time_ns, level, priority, category, module, message, detail, "
			+ "entry_point, user_name, operation_id, activity_id, is_primary, duration_ns, comments";

	private SchemaMigration() {
	}

	/** Renames version 1's tables out of the way if the store has them; emits whether it did or had. */
	static Mono<Boolean> setAside(Connection c) {
		// the copy reads the old events in seq order: their seq index is made again under a name of its
		// own (the old name is the current schema's), or each page would sort the whole table
		String seqIndex = "CREATE INDEX IF NOT EXISTS sluice_events_v1_seq ON " + V1_EVENTS + " (seq)";
		return columns(c, EventSchema.EVENTS).zipWith(columns(c, V1_EVENTS)).flatMap(t -> {
			boolean v1InPlace = !t.getT1().isEmpty() && !t.getT1().contains("attributes");
			boolean setAside = !t.getT2().isEmpty();
			if (!v1InPlace) {
				return setAside ? run(c, List.of(seqIndex)).thenReturn(true) : Mono.just(false);
			}
			List<String> sql = new ArrayList<>();
			sql.add("ALTER TABLE " + EventSchema.EVENTS + " RENAME TO " + V1_EVENTS);
			sql.add("ALTER TABLE " + EventSchema.V1_ATTRIBUTES + " RENAME TO " + V1_ATTRIBUTES_RENAMED);
			for (String index : EventSchema.V1_INDEXES) {
				sql.add("DROP INDEX IF EXISTS " + index);
			}
			sql.add(seqIndex);
			return run(c, sql).thenReturn(true);
		});
	}

	/**
	 * Drops the foreign key from attribute keys to events that stores made before it was dropped
	 * have ({@link EventSchema#KEY_REFERENCES}); nothing on a store without one.
	 */
	static Mono<Void> dropKeyReferences(Connection c) {
		return Flux.from(c.createStatement(EventSchema.KEY_REFERENCES).execute())
				.flatMap(r -> r.map((row, meta) -> row.get(0, String.class))).collectList()
				.flatMap(names -> {
					List<String> sql = new ArrayList<>();
					for (String name : names) {
						sql.add(EventSchema.dropConstraint(name));
					}
					return run(c, sql);
				});
	}

	/**
	 * Copies the set-aside version 1 events into the current tables, {@code pageSize} events a
	 * transaction, then drops the old tables ({@code postgres}: writes as a PostgreSQL store does).
	 */
	static Mono<Void> copy(Connection c, int pageSize, boolean postgres) {
		// a loop of pages (repeat), not a chain of them: H2 answers on the calling thread, and a chain
		// would nest one more level of calls per page (a million events: a thousand pages deep)
		AtomicLong after = new AtomicLong(Long.MIN_VALUE);
		AtomicBoolean more = new AtomicBoolean(true);
		return Mono.defer(() -> copyPage(c, after, more, pageSize, postgres)).repeat(more::get).then()
				.then(run(c, List.of("DROP TABLE " + V1_ATTRIBUTES_RENAMED, "DROP TABLE " + V1_EVENTS)));
	}

	private static Mono<Void> copyPage(Connection c, AtomicLong after, AtomicBoolean more, int pageSize,
			boolean postgres) {
		return page(c, after.get(), pageSize).flatMap(page -> {
			if (page.events.isEmpty()) {
				more.set(false);
				return Mono.<Void>empty();
			}
			// Ids stored already (a migration cut short) are skipped
			return Mono.from(c.beginTransaction()).then(EventWrites.insertNew(c, page.events, postgres))
					.then(Mono.from(c.commitTransaction())).doOnSuccess(done -> after.set(page.lastSeq));
		});
	}

	private record Page(List<Event> events, long lastSeq) {
	}

	private static Mono<Page> page(Connection c, long afterSeq, int pageSize) {
		String sql = "SELECT " + V1_COLUMNS + " FROM " + V1_EVENTS + " WHERE seq > $1 ORDER BY seq LIMIT " + pageSize;
		return Flux.from(c.createStatement(sql).bind(0, afterSeq).execute())
				.flatMap(r -> r.map((row, meta) -> readV1(row))).collectList()
				.flatMap(rows -> attributesOf(c, rows).map(attrs -> {
					List<Event> events = new ArrayList<>(rows.size());
					long last = afterSeq;
					for (Object[] r : rows) {
						Event.Builder b = (Event.Builder) r[1];
						Map<String, Object> a = attrs.get((String) r[0]);
						if (a != null) {
							a.forEach(b::attribute);
						}
						events.add(b.build());
						last = (Long) r[2];
					}
					return new Page(events, last);
				}));
	}

	private static Object[] readV1(Row row) {
		String id = row.get(0, String.class); // version 1 kept the Id as text
		Event.Builder b = EventReads.standardColumns(row).id(UUID.fromString(id));
		return new Object[] {id, b, EventReads.toLong(row.get(1))};
	}

	private static Mono<Map<String, Map<String, Object>>> attributesOf(Connection c, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return Mono.just(Map.of());
		}
		io.r2dbc.spi.Statement s = c.createStatement("SELECT event_id, name, kind, text_value, long_value, double_value"
				+ " FROM " + V1_ATTRIBUTES_RENAMED + " WHERE event_id IN (" + EventWrites.placeholders(1, rows.size())
				+ ") ORDER BY event_id, pos");
		for (int i = 0; i < rows.size(); i++) {
			s.bind(i, rows.get(i)[0]);
		}
		return Flux.from(s.execute()).flatMap(r -> r.map((row, meta) -> new Object[] {row.get(0, String.class),
				row.get(1, String.class), valueV1(row.get(2, String.class).trim(), row.get(3, String.class),
						EventReads.toLong(row.get(4)), EventReads.toDouble(row.get(5)))}))
				.collect(HashMap::new, (Map<String, Map<String, Object>> m, Object[] a) -> m
						.computeIfAbsent((String) a[0], k -> new LinkedHashMap<>()).put((String) a[1], a[2]));
	}

	/** The value of a version 1 attribute row. */
	private static Object valueV1(String kind, String text, Long longValue, Double doubleValue) {
		switch (kind) {
		case "i":
			return longValue;
		case "d":
			return doubleValue;
		case "b":
			return longValue != null && longValue != 0;
		case "t":
			return EventRows.instant(longValue);
		default:
			return text;
		}
	}

	/** The lower-case column names of {@code table} in the current schema (empty: no such table). */
	private static Mono<Set<String>> columns(Connection c, String table) {
		String sql = "SELECT column_name FROM information_schema.columns WHERE LOWER(table_name) = $1"
				+ " AND LOWER(table_schema) = LOWER(CURRENT_SCHEMA)";
		return Flux.from(c.createStatement(sql).bind(0, table).execute())
				.flatMap(r -> r.map((row, meta) -> row.get(0, String.class).toLowerCase(java.util.Locale.ROOT)))
				.collect(java.util.HashSet::new, Set::add);
	}

	private static Mono<Void> run(Connection c, List<String> statements) {
		return Flux.fromIterable(statements)
				.concatMap(sql -> Flux.from(c.createStatement(sql).execute()).flatMap(Result::getRowsUpdated)).then();
	}
}
