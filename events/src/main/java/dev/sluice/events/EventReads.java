package dev.sluice.events;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The store's reads on one connection: event rows, custom attributes included. Stateless. */
final class EventReads {

	private EventReads() {
	}

	/** The standard columns, each prefixed with {@code e.}. */
	static String prefixed() {
		return "e." + EventSchema.COLUMNS.replace(", ", ", e.");
	}

	/** Runs a select of event rows; emits them as {@link SeqEvent}s, in order. */
	static Mono<List<SeqEvent>> page(Connection c, String sql, java.util.function.Consumer<Statement> binder) {
		Statement s = c.createStatement(sql);
		binder.accept(s);
		return Flux.from(s.execute()).flatMap(r -> r.map(EventReads::readRow)).collectList();
	}

	/** An event with the store's insertion number. */
	record SeqEvent(long seq, Event event) {
	}

	private static SeqEvent readRow(Row row, RowMetadata meta) {
		Event.Builder b = standardColumns(row).id(row.get(0, UUID.class));
		AttributeJson.read(row.get(16, String.class)).forEach(b::attribute);
		return new SeqEvent(toLong(row.get(1)), b.build());
	}

	/**
	 * An event builder with the standard columns of {@code row} (positions 2 to 15 of
	 * {@link EventSchema#COLUMNS}, the same in every schema version): all but the Id and the
	 * custom attributes.
	 */
	static Event.Builder standardColumns(Row row) {
		Long duration = toLong(row.get(14));
		return Event.builder()
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
	}

	static Long toLong(Object v) {
		return v == null ? null : ((Number) v).longValue();
	}

	static Double toDouble(Object v) {
		return v == null ? null : ((Number) v).doubleValue();
	}
}
