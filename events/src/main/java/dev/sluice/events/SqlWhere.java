package dev.sluice.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Statement;

/**
 * Builds the WHERE clause of an event query with numbered bind markers ({@code $1}, as both
 * r2dbc-h2 and r2dbc-postgresql accept) and binds the values. Not thread-safe; one per query.
 */
final class SqlWhere {

	private final StringBuilder sql = new StringBuilder();
	private final List<Object> params = new ArrayList<>();
	/** PostgreSQL: custom attributes through the jsonb index, not the key table. */
	private final boolean postgres;

	private SqlWhere(boolean postgres) {
		this.postgres = postgres;
	}

	/** The clause of {@code q} for H2 ({@code postgres} false) or PostgreSQL. */
	static SqlWhere of(EventQuery q, boolean postgres) {
		SqlWhere w = new SqlWhere(postgres);
		if (q.since() != null) {
			w.and("e.time_ns >= " + w.param(EventRows.nanos(q.since())));
		}
		if (q.until() != null) {
			w.and("e.time_ns < " + w.param(EventRows.nanos(q.until())));
		}
		if (q.level() != null) {
			w.and("e.level = " + w.param(q.level().label()));
		}
		if (q.minLevel() != null) {
			List<String> labels = new ArrayList<>();
			for (EventLevel l : EventLevel.values()) {
				if (l.compareTo(q.minLevel()) >= 0) {
					labels.add(w.param(l.label()));
				}
			}
			w.and("e.level IN (" + String.join(", ", labels) + ")");
		}
		if (q.category() != null) {
			w.and("e.category = " + w.param(q.category().label()));
		}
		if (q.priority() != null) {
			w.and("e.priority = " + w.param(q.priority().label()));
		}
		if (q.user() != null) {
			w.and("e.user_name = " + w.param(q.user()));
		}
		if (q.module() != null) {
			w.and("e.module = " + w.param(q.module()));
		}
		if (q.operationId() != null) {
			w.and("e.operation_id = " + w.param(q.operationId()));
		}
		if (q.primary() != null) {
			w.and("e.is_primary = " + w.param(q.primary()));
		}
		if (q.text() != null) {
			w.and("LOWER(e.message) LIKE " + w.param("%" + escapeLike(q.text().toLowerCase(Locale.ROOT)) + "%")
					+ " ESCAPE '\\'");
		}
		for (Map.Entry<String, Object> a : q.attributes().entrySet()) {
			w.attribute(a.getKey(), a.getValue());
		}
		if (q.before() != null) {
			EventCursor c = EventCursor.parse(q.before());
			// the first bound alone lets the time index start at the cursor (an OR is not a range to an index)
			w.and("e.time_ns <= " + w.param(c.timeNanos));
			w.and("(e.time_ns < " + w.param(c.timeNanos) + " OR (e.time_ns = " + w.param(c.timeNanos) + " AND e.id < "
					+ w.param(UUID.fromString(c.id)) + "))");
		}
		return w;
	}

	void attribute(String name, Object value) {
		String column = EventSchema.column(name);
		if (column != null) {
			Object v = value;
			if (value instanceof Category) {
				v = ((Category) value).label();
			}
			else if (value instanceof Priority) {
				v = ((Priority) value).label();
			}
			else if (value instanceof EventLevel) {
				v = ((EventLevel) value).label();
			}
			else if (column.equals("id")) {
				try {
					v = value instanceof UUID ? value : UUID.fromString(value.toString());
				}
				catch (IllegalArgumentException e) {
					throw new IllegalArgumentException("attribute 'Id': '" + value + "' is not a UUID");
				}
			}
			else if (!(value instanceof Boolean)) {
				v = value.toString();
			}
			and("e." + column + " = " + param(v));
			return;
		}
		if (postgres) {
			and(EventSchema.attributesContain(param(AttributeJson.write(Map.of(name, value)))));
			return;
		}
		String key = AttributeKey.of(name, value);
		String rest = AttributeKey.rest(key);
		and("EXISTS (SELECT 1 FROM " + EventSchema.ATTRIBUTE_KEYS + " k WHERE k.key_prefix = "
				+ param(AttributeKey.prefix(key)) + " AND k.event_id = e.id AND "
				+ (rest == null ? "k.key_rest IS NULL" : "k.key_rest = " + param(rest)) + ")");
	}

	private static String escapeLike(String s) {
		return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	void and(String condition) {
		sql.append(sql.length() == 0 ? " WHERE " : " AND ").append(condition);
	}

	/** Adds a parameter; returns its marker. */
	String param(Object value) {
		params.add(value);
		return "$" + params.size();
	}

	String sql() {
		return sql.toString();
	}

	void bind(Statement s) {
		for (int i = 0; i < params.size(); i++) {
			s.bind(i, params.get(i));
		}
	}
}
