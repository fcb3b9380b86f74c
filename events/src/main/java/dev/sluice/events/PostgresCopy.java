package dev.sluice.events;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Mono;

/**
 * PostgreSQL's bulk path for a batch of events: {@code COPY ... FROM STDIN} (text format) through
 * r2dbc-postgresql's {@code copyIn}, in the caller's transaction (no attribute keys: PostgreSQL
 * indexes the attributes' JSON). A COPY sends rows as one stream the server parses without planning a
 * statement or binding thousands of parameters. Loaded only for a PostgreSQL store (the driver is an
 * optional dependency). Stateless.
 */
final class PostgresCopy {

	private PostgresCopy() {
	}

	/** Whether {@code c} (or the connection a pool wraps in it) is r2dbc-postgresql's. */
	static boolean applies(Connection c) {
		return driverConnection(c) != null;
	}

	static Mono<Void> insert(Connection c, List<Event> events) {
		PostgresqlConnection pg = driverConnection(c);
		if (events.isEmpty()) {
			return Mono.empty();
		}
		StringBuilder rows = new StringBuilder(events.size() * 256);
		for (Event e : events) {
			Object[] values = EventWrites.rowValues(e);
			for (int i = 0; i < values.length; i++) {
				Object v = values[i];
				if (v instanceof Boolean) {
					rows.append((Boolean) v ? 't' : 'f');
				}
				else {
					// the Id, numbers and texts; null as \N
					field(rows, v == null ? null : v.toString());
				}
				rows.append(i == values.length - 1 ? '\n' : '\t');
			}
		}
		// no attribute keys: PostgreSQL finds attributes through its jsonb index (EventSchema.ATTRIBUTES_INDEX)
		return pg.copyIn("COPY " + EventSchema.EVENTS + " (" + EventSchema.WRITTEN_COLUMNS + ") FROM STDIN",
				Mono.fromSupplier(() -> utf8(rows))).then();
	}

	private static ByteBuf utf8(CharSequence text) {
		byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
		return ByteBufAllocator.DEFAULT.buffer(bytes.length).writeBytes(bytes);
	}

	/** Appends {@code value} in COPY's text format: {@code \N} for null, backslash escapes for the separators. */
	static StringBuilder field(StringBuilder out, String value) {
		if (value == null) {
			return out.append("\\N");
		}
		for (int i = 0; i < value.length(); i++) {
			char ch = value.charAt(i);
			switch (ch) {
			case '\\':
				out.append("\\\\");
				break;
			case '\t':
				out.append("\\t");
				break;
			case '\n':
				out.append("\\n");
				break;
			case '\r':
				out.append("\\r");
				break;
			default:
				out.append(ch);
			}
		}
		return out;
	}

	private static PostgresqlConnection driverConnection(Connection c) {
		Object current = c;
		for (int depth = 0; depth < 8 && current != null; depth++) {
			if (current instanceof PostgresqlConnection) {
				return (PostgresqlConnection) current;
			}
			current = current instanceof Wrapped ? ((Wrapped<?>) current).unwrap() : null;
		}
		return null;
	}
}
