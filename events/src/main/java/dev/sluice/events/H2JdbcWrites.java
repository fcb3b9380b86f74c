package dev.sluice.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashSet;
import java.util.List;
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
 * threads only. Connections are kept for reuse (as many as saves ever ran at once; not one whose
 * write failed) and closed by {@link #close()}, or when given back after it. Thread-safe.
 */
final class H2JdbcWrites {

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
			List<Event> fresh = skipStored ? EventWrites.withoutStored(events, existing(c, events)) : events;
			insertEvents(c, fresh);
			insertKeys(c, fresh);
			c.commit();
			ok = true;
			return events.size() - fresh.size();
		}
		finally {
			if (ok) {
				giveBack(c);
			}
			else {
				// not kept: after a failed write (a full disk, a database closed by an I/O error) the
				// next save starts on a fresh connection, which opens the database again if need be
				rollback(c);
				closeQuietly(c);
			}
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
		idle.add(c);
		// a close that ran meanwhile may have missed it: whichever of the two looks last closes it
		if (closed) {
			closeIdle();
		}
	}

	/** Closes every connection; a save in flight closes its own when it ends. */
	void close() {
		closed = true;
		closeIdle();
	}

	private void closeIdle() {
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
		for (List<Event> chunk : EventWrites.chunks(events, EventWrites.ID_CHUNK)) {
			try (PreparedStatement s = c.prepareStatement("SELECT id FROM " + EventSchema.EVENTS + " WHERE id IN ("
					+ EventWrites.placeholders(1, chunk.size(), false) + ")")) {
				for (int i = 0; i < chunk.size(); i++) {
					s.setObject(i + 1, chunk.get(i).id());
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
		for (List<Event> chunk : EventWrites.chunks(events, EventWrites.EVENT_ROWS)) {
			try (PreparedStatement s = c.prepareStatement(
					EventWrites.multiRow(EventSchema.INSERT_EVENT_HEAD, EventWrites.ROW_COLUMNS, chunk.size(), false))) {
				int p = 1;
				for (Event e : chunk) {
					Object[] values = EventWrites.rowValues(e);
					for (int col = 0; col < EventWrites.ROW_COLUMNS; col++) {
						if (values[col] == null) {
							s.setNull(p + col, EventWrites.ROW_TYPES[col] == Long.class ? Types.BIGINT : Types.VARCHAR);
						}
						else {
							s.setObject(p + col, values[col]);
						}
					}
					p += EventWrites.ROW_COLUMNS;
				}
				s.executeUpdate();
			}
		}
	}

	private static void insertKeys(Connection c, List<Event> events) throws SQLException {
		for (List<EventWrites.KeyRow> chunk : EventWrites.chunks(EventWrites.keyRows(events), EventWrites.KEY_ROWS)) {
			try (PreparedStatement s = c.prepareStatement(EventWrites.multiRow(EventSchema.INSERT_KEY_HEAD, 3, chunk.size(), false))) {
				int p = 1;
				for (EventWrites.KeyRow k : chunk) {
					s.setObject(p, k.eventId());
					s.setString(p + 1, k.prefix());
					text(s, p + 2, k.rest());
					p += 3;
				}
				s.executeUpdate();
			}
		}
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
