package dev.sluice.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An H2 file store's writes through H2's own JDBC API, on connections to the database the store's
 * R2DBC connections use (one database in the process: H2 shares it between connections to the same
 * file). Why: r2dbc-h2 binds each parameter through a sorted map and a codec search, and every
 * {@code String} as a CLOB that H2 converts back to VARCHAR; at 16,000 parameters a batch that was a
 * third of the writer's time (issue 20). Reads stay on R2DBC.
 *
 * <p>Threading: every method blocks (file I/O, H2's locks) and is called on the store's driver
 * threads only. Connections are kept for reuse (as many as saves ever ran at once) and closed by
 * {@link #close()}, or when given back after it. Thread-safe.
 */
final class H2JdbcWrites {

	/** Rows per multi-row INSERT (16 parameters an event row, 3 a key row). */
	private static final int EVENT_ROWS = 1_000;
	private static final int KEY_ROWS = 5_000;
	/** Most ids bound in one {@code IN (...)} look-up. */
	private static final int ID_CHUNK = 500;

	private static final org.h2.Driver DRIVER = new org.h2.Driver();

	private final String url;
	private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
	private volatile boolean closed;

	/** Writes to the H2 file database at {@code file} (as given to H2, without {@code .mv.db}). */
	H2JdbcWrites(String file) {
		this.url = "jdbc:h2:file:" + file;
	}

	/**
	 * Stores {@code events} in one transaction (those whose Id is stored already skipped when
	 * {@code skipStored}, else such an Id errors the batch); returns how many were skipped.
	 */
	int save(List<Event> events, boolean skipStored) throws SQLException {
		Connection c = borrow();
		boolean ok = false;
		try {
			List<Event> fresh = events;
			if (skipStored) {
				Set<UUID> stored = existing(c, events);
				if (!stored.isEmpty()) {
					fresh = new ArrayList<>(events.size());
					for (Event e : events) {
						if (!stored.contains(e.id())) {
							fresh.add(e);
						}
					}
				}
			}
			insertEvents(c, fresh);
			insertKeys(c, fresh);
			c.commit();
			ok = true;
			return events.size() - fresh.size();
		}
		finally {
			if (!ok) {
				rollback(c);
			}
			giveBack(c);
		}
	}

	private Connection borrow() throws SQLException {
		if (closed) {
			throw new SQLException("the event store is closed");
		}
		Connection c = idle.poll();
		if (c == null) {
			c = DRIVER.connect(url, new java.util.Properties());
			c.setAutoCommit(false);
		}
		return c;
	}

	private void giveBack(Connection c) {
		if (closed) {
			closeQuietly(c);
		}
		else {
			idle.add(c);
		}
	}

	/** Closes every connection; a save in flight closes its own when it ends. */
	void close() {
		closed = true;
		Connection c;
		while ((c = idle.poll()) != null) {
			closeQuietly(c);
		}
	}

	private static void rollback(Connection c) {
		try {
			c.rollback();
		}
		catch (SQLException ignored) {
			// the save's own error goes on; a failed rollback does not hide it
		}
	}

	private static void closeQuietly(Connection c) {
		try {
			c.close();
		}
		catch (SQLException ignored) {
			// closing for good: nothing to do with a failure
		}
	}

	private static Set<UUID> existing(Connection c, List<Event> events) throws SQLException {
		Set<UUID> stored = new HashSet<>();
		for (int from = 0; from < events.size(); from += ID_CHUNK) {
			int n = Math.min(ID_CHUNK, events.size() - from);
			StringBuilder sql = new StringBuilder("SELECT id FROM ").append(EventSchema.EVENTS).append(" WHERE id IN (");
			for (int i = 0; i < n; i++) {
				sql.append(i == 0 ? "?" : ", ?");
			}
			try (PreparedStatement s = c.prepareStatement(sql.append(')').toString())) {
				for (int i = 0; i < n; i++) {
					s.setObject(i + 1, events.get(from + i).id());
				}
				try (ResultSet r = s.executeQuery()) {
					while (r.next()) {
						stored.add(r.getObject(1, UUID.class));
					}
				}
			}
		}
		return stored;
	}

	private static void insertEvents(Connection c, List<Event> events) throws SQLException {
		for (int from = 0; from < events.size(); from += EVENT_ROWS) {
			int n = Math.min(EVENT_ROWS, events.size() - from);
			try (PreparedStatement s = c.prepareStatement(multiRow(EventSchema.INSERT_EVENT_HEAD, 16, n))) {
				int p = 1;
				for (int i = 0; i < n; i++) {
					Event e = events.get(from + i);
					s.setObject(p, e.id());
					s.setLong(p + 1, EventRows.nanos(e.time()));
					s.setString(p + 2, e.level().label());
					s.setString(p + 3, e.priority().label());
					s.setString(p + 4, e.category().label());
					s.setString(p + 5, e.module());
					s.setString(p + 6, e.message());
					text(s, p + 7, e.detail());
					text(s, p + 8, e.entryPoint());
					text(s, p + 9, e.user());
					text(s, p + 10, e.operationId());
					text(s, p + 11, e.activityId());
					s.setBoolean(p + 12, e.primary());
					if (e.duration() == null) {
						s.setNull(p + 13, Types.BIGINT);
					}
					else {
						s.setLong(p + 13, e.duration().toNanos());
					}
					text(s, p + 14, e.comments());
					text(s, p + 15, AttributeJson.write(e.attributes()));
					p += 16;
				}
				s.executeUpdate();
			}
		}
	}

	private static void insertKeys(Connection c, List<Event> events) throws SQLException {
		List<Object[]> rows = new ArrayList<>();
		for (Event e : events) {
			for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
				String key = AttributeKey.of(a.getKey(), a.getValue());
				rows.add(new Object[] {e.id(), AttributeKey.prefix(key), AttributeKey.rest(key)});
			}
		}
		for (int from = 0; from < rows.size(); from += KEY_ROWS) {
			int n = Math.min(KEY_ROWS, rows.size() - from);
			try (PreparedStatement s = c.prepareStatement(multiRow(EventSchema.INSERT_KEY_HEAD, 3, n))) {
				int p = 1;
				for (int i = 0; i < n; i++) {
					Object[] k = rows.get(from + i);
					s.setObject(p, k[0]);
					s.setString(p + 1, (String) k[1]);
					text(s, p + 2, (String) k[2]);
					p += 3;
				}
				s.executeUpdate();
			}
		}
	}

	/** {@code head} followed by {@code rows} groups of {@code columns} parameters. */
	private static String multiRow(String head, int columns, int rows) {
		StringBuilder sql = new StringBuilder(head.length() + rows * columns * 3).append(head).append(" VALUES ");
		for (int r = 0; r < rows; r++) {
			sql.append(r == 0 ? "(" : ", (");
			for (int col = 0; col < columns; col++) {
				sql.append(col == 0 ? "?" : ", ?");
			}
			sql.append(')');
		}
		return sql.toString();
	}

	private static void text(PreparedStatement s, int index, String value) throws SQLException {
		if (value == null) {
			s.setNull(index, Types.VARCHAR);
		}
		else {
			s.setString(index, value);
		}
	}
}
