package dev.sluice.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Applies a {@link Retention} to a store: the deletes, then the system event that says what went. */
final class Retirement {

	private final EventStore store;

	Retirement(EventStore store) {
		this.store = store;
	}

	Mono<Event> apply(Retention retention, Instant now) {
		Mono<Long> byAge = retention.maxAge().isZero() ? Mono.just(0L)
				: delete("time_ns < $1", s -> s.bind(0, EventRows.nanos(now.minus(retention.maxAge()))));
		Mono<Long> byCount = retention.maxEvents() == 0 ? Mono.just(0L) : retireBeyond(retention.maxEvents());
		return byAge.flatMap(age -> byCount.flatMap(count -> {
			if (age + count == 0) {
				return Mono.empty();
			}
			Event e = Event.builder().time(now).level(EventLevel.INFO).category(Category.SYSTEM)
					.module("sluice.events.retention")
					.message("Applied retirement rules: retired " + (age + count) + " events (" + age + " older than "
							+ describe(retention.maxAge()) + ", " + count + " beyond max_events " + retention.maxEvents() + ")")
					.attribute("RetiredByAge", age).attribute("RetiredByCount", count).build();
			return store.save(List.of(e)).thenReturn(e);
		}));
	}

	private static String describe(Duration age) {
		if (age.isZero()) {
			return "no age limit";
		}
		long days = age.toDays();
		return days > 0 && age.equals(Duration.ofDays(days)) ? days + " days" : age.toString();
	}

	private Mono<Long> retireBeyond(long maxEvents) {
		String find = "SELECT time_ns, id FROM " + EventSchema.EVENTS + " ORDER BY time_ns DESC, id DESC LIMIT 1 OFFSET "
				+ maxEvents;
		return store.run(store.withConnection(c -> Flux.from(c.createStatement(find).execute())
				.flatMap(r -> r.map((row, meta) -> new Object[] {EventReads.toLong(row.get(0)), row.get(1, java.util.UUID.class)})).next()))
				.flatMap(cut -> delete("time_ns < $1 OR (time_ns = $2 AND id <= $3)",
						s -> s.bind(0, cut[0]).bind(1, cut[0]).bind(2, cut[1])))
				.defaultIfEmpty(0L);
	}

	/**
	 * Deletes the events that match {@code condition} and their attribute keys, in one transaction
	 * (the keys first, found through the events, which are still there); emits the events deleted.
	 */
	private Mono<Long> delete(String condition, Consumer<Statement> binder) {
		String keys = "DELETE FROM " + EventSchema.ATTRIBUTE_KEYS + " WHERE event_id IN (SELECT id FROM "
				+ EventSchema.EVENTS + " WHERE " + condition + ")";
		String events = "DELETE FROM " + EventSchema.EVENTS + " WHERE " + condition;
		return store.inTransaction(c -> update(c, keys, binder).then(update(c, events, binder)));
	}

	private static Mono<Long> update(io.r2dbc.spi.Connection c, String sql, Consumer<Statement> binder) {
		Statement s = c.createStatement(sql);
		binder.accept(s);
		return Flux.from(s.execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
	}
}
