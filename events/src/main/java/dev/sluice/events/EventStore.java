package dev.sluice.events;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.Statement;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The event store: events in a relational database through R2DBC. The embedded default is an H2
 * file database (no server); PostgreSQL ({@code r2dbc:postgresql://host/db}) is the production
 * option. Tables are made on first use ({@link EventSchema}).
 *
 * <p>Threading: every method returns a cold publisher and blocks no caller. R2DBC H2 runs its
 * work synchronously inside the driver (file I/O, locks), so for H2 every operation is
 * subscribed on {@link Schedulers#boundedElastic()} and Reactor's non-blocking threads stay
 * clean; PostgreSQL's driver is non-blocking and runs on its own event loop. Each operation
 * takes its own connection; an H2 store keeps one more open for its lifetime, so that the
 * database stays open between operations.
 *
 * <p>Errors: a failed operation errors its publisher with the driver's exception; nothing is
 * retried here (the events sink counts a failed batch as dropped, with reason {@code sink_error}).
 */
public final class EventStore {

	/** The default location of the embedded database, relative to the working directory. */
	public static final String DEFAULT_PATH = "sluice-data/events";

	private static final int TAIL_PAGE = 500;

	private final ConnectionFactory factory;
	private final boolean blocking;
	private final String description;
	private final Scheduler scheduler = Schedulers.boundedElastic();
	private final AtomicReference<Connection> anchor = new AtomicReference<>();
	private final Mono<Void> ready;

	private EventStore(ConnectionFactory factory, String description) {
		this.factory = Objects.requireNonNull(factory, "factory");
		this.description = description;
		this.blocking = factory.getMetadata().getName().toLowerCase(java.util.Locale.ROOT).contains("h2");
		this.ready = Mono.defer(this::createSchema).cache();
	}

	/** The embedded H2 database at {@code baseDirectory}/{@value #DEFAULT_PATH} ({@code events.mv.db}). */
	public static EventStore embedded(Path baseDirectory) {
		return h2File(baseDirectory.resolve(DEFAULT_PATH));
	}

	/** An H2 file database at {@code path} (H2 adds {@code .mv.db}); parent directories are made by H2. */
	public static EventStore h2File(Path path) {
		String file = path.toAbsolutePath().toString();
		return new EventStore(new H2ConnectionFactory(H2ConnectionConfiguration.builder().file(file).build()),
				"h2 file " + file);
	}

	/**
	 * The store at an R2DBC URL: {@code r2dbc:h2:file///abs/path}, {@code r2dbc:h2:mem:///name},
	 * {@code r2dbc:postgresql://host:5432/db}. User and password may be given apart from the URL
	 * (null: none or the URL's), so that the URL can be shown without a secret.
	 *
	 * @throws IllegalArgumentException when the URL is malformed or no driver on the class path takes it
	 */
	public static EventStore open(String url, String user, CharSequence password) {
		Objects.requireNonNull(url, "url");
		ConnectionFactoryOptions options;
		try {
			options = ConnectionFactoryOptions.parse(url);
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("event store url '" + redact(url) + "' is not an R2DBC URL (such as "
					+ "r2dbc:postgresql://host:5432/db or r2dbc:h2:file///path/events): " + e.getMessage(), e);
		}
		ConnectionFactoryOptions.Builder b = options.mutate();
		if (user != null) {
			b.option(ConnectionFactoryOptions.USER, user);
		}
		if (password != null) {
			b.option(ConnectionFactoryOptions.PASSWORD, password);
		}
		try {
			return new EventStore(ConnectionFactories.get(b.build()), redact(url));
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("no R2DBC driver for event store url '" + redact(url)
					+ "' (r2dbc-h2 and r2dbc-postgresql are the supported ones): " + e.getMessage(), e);
		}
	}

	/** {@link #open(String, String, CharSequence)} with the URL's own credentials. */
	public static EventStore open(String url) {
		return open(url, null, null);
	}

	/** A store over an existing connection factory. */
	public static EventStore of(ConnectionFactory factory) {
		return new EventStore(factory, factory.getMetadata().getName());
	}

	/** The URL without its password. */
	static String redact(String url) {
		return url.replaceAll("(//[^/:@]*:)[^@/]*@", "$1******@");
	}

	// ---- writing --------------------------------------------------------------------------------

	/** Stores {@code events} in one transaction; completes when they are committed. */
	public Mono<Void> save(List<Event> events) {
		if (events.isEmpty()) {
			return Mono.empty();
		}
		List<Event> copy = List.copyOf(events);
		return run(withConnection(c -> Mono.from(c.beginTransaction())
				.then(insertEvents(c, copy))
				.then(insertAttributes(c, copy))
				.then(Mono.from(c.commitTransaction()))
				.onErrorResume(e -> Mono.from(c.rollbackTransaction()).onErrorResume(r -> Mono.empty())
						.then(Mono.error(e)))).then());
	}

	private static Mono<Void> insertEvents(Connection c, List<Event> events) {
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

	private static Mono<Void> insertAttributes(Connection c, List<Event> events) {
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

	// ---- reading --------------------------------------------------------------------------------

	/** The events that match {@code query}, newest first, at most its limit. */
	public Flux<Event> query(EventQuery query) {
		Objects.requireNonNull(query, "query");
		SqlWhere where = SqlWhere.of(query);
		String sql = "SELECT " + prefixed() + " FROM " + EventSchema.EVENTS + " e" + where.sql()
				+ " ORDER BY e.time_ns DESC, e.id DESC LIMIT " + query.limit();
		return select(sql, where::bind).flatMapIterable(Function.identity());
	}

	/** The events of one operation, oldest first (with their durations). */
	public Flux<Event> operation(String operationId) {
		Objects.requireNonNull(operationId, "operationId");
		String sql = "SELECT " + prefixed() + " FROM " + EventSchema.EVENTS
				+ " e WHERE e.operation_id = $1 ORDER BY e.time_ns, e.id";
		return select(sql, s -> s.bind(0, operationId)).flatMapIterable(Function.identity());
	}

	/** The most recent Primary event whose attribute {@code name} equals {@code value}; empty when none. */
	public Mono<Event> latestPrimary(String name, Object value) {
		return query(EventQuery.builder().primary(true).attribute(name, value).limit(1).build()).next();
	}

	/** How many events are stored. */
	public Mono<Long> count() {
		return run(withConnection(c -> Flux.from(c.createStatement("SELECT COUNT(*) FROM " + EventSchema.EVENTS).execute())
				.flatMap(r -> r.map((row, meta) -> ((Number) row.get(0)).longValue())).next()));
	}

	/**
	 * Follows new events as they are stored (by this process or another), in insertion order,
	 * polling every {@code interval}; starts after the newest event stored at subscription.
	 * Infinite; cancel to stop.
	 */
	public Flux<Event> tail(Duration interval) {
		Objects.requireNonNull(interval, "interval");
		return maxSeq().flatMapMany(start -> {
			AtomicLong last = new AtomicLong(start);
			return Flux.interval(interval, interval).onBackpressureDrop()
					.concatMap(tick -> afterSeq(last), 1);
		});
	}

	private Flux<Event> afterSeq(AtomicLong last) {
		String sql = "SELECT " + prefixed() + " FROM " + EventSchema.EVENTS + " e WHERE e.seq > $1 ORDER BY e.seq LIMIT "
				+ TAIL_PAGE;
		long from = last.get();
		return Flux.defer(() -> selectWithSeq(sql, s -> s.bind(0, from))).flatMapIterable(page -> {
			List<Event> out = new ArrayList<>(page.size());
			for (Object[] row : page) {
				last.accumulateAndGet((Long) row[0], Math::max);
				out.add((Event) row[1]);
			}
			return out;
		});
	}

	private Mono<Long> maxSeq() {
		return run(withConnection(c -> Flux.from(c.createStatement("SELECT MAX(seq) FROM " + EventSchema.EVENTS).execute())
				.flatMap(r -> r.map((row, meta) -> {
					Object v = row.get(0);
					return v == null ? 0L : ((Number) v).longValue();
				})).next())).defaultIfEmpty(0L);
	}

	private static String prefixed() {
		return "e." + EventSchema.COLUMNS.replace(", ", ", e.");
	}

	/** Runs a select of event rows, then fetches the page's attributes; emits the page as one list. */
	private Flux<List<Event>> select(String sql, java.util.function.Consumer<Statement> binder) {
		return selectWithSeq(sql, binder).map(page -> {
			List<Event> out = new ArrayList<>(page.size());
			for (Object[] r : page) {
				out.add((Event) r[1]);
			}
			return out;
		});
	}

	private Flux<List<Object[]>> selectWithSeq(String sql, java.util.function.Consumer<Statement> binder) {
		return run(withConnection(c -> {
			Statement s = c.createStatement(sql);
			binder.accept(s);
			return Flux.from(s.execute()).flatMap(r -> r.map(EventStore::readRow)).collectList()
					.flatMap(rows -> attributesOf(c, rows).map(attrs -> assemble(rows, attrs)));
		})).flux();
	}

	private static Mono<Map<String, Map<String, Object>>> attributesOf(Connection c, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return Mono.just(Map.of());
		}
		StringBuilder sql = new StringBuilder("SELECT event_id, name, kind, text_value, long_value, double_value FROM ")
				.append(EventSchema.ATTRIBUTES).append(" WHERE event_id IN (");
		for (int i = 0; i < rows.size(); i++) {
			sql.append(i == 0 ? "$" : ", $").append(i + 1);
		}
		sql.append(") ORDER BY event_id, pos");
		Statement s = c.createStatement(sql.toString());
		for (int i = 0; i < rows.size(); i++) {
			s.bind(i, ((Event.Builder) rows.get(i)[1]).build().id().toString());
		}
		return Flux.from(s.execute()).flatMap(r -> r.map((row, meta) -> new Object[] {
				row.get(0, String.class), row.get(1, String.class),
				EventRows.value(row.get(2, String.class).trim(), row.get(3, String.class), toLong(row.get(4)),
						toDouble(row.get(5)))}))
				.collect(HashMap::new, (Map<String, Map<String, Object>> m, Object[] a) -> m
						.computeIfAbsent((String) a[0], k -> new LinkedHashMap<>()).put((String) a[1], a[2]));
	}

	private static List<Object[]> assemble(List<Object[]> rows, Map<String, Map<String, Object>> attrs) {
		List<Object[]> out = new ArrayList<>(rows.size());
		for (Object[] r : rows) {
			Event.Builder b = (Event.Builder) r[1];
			Event base = b.build();
			Map<String, Object> a = attrs.get(base.id().toString());
			if (a != null) {
				a.forEach(b::attribute);
			}
			out.add(new Object[] {r[0], b.build()});
		}
		return out;
	}

	/** One event row as {seq, Event.Builder without custom attributes}. */
	private static Object[] readRow(Row row, io.r2dbc.spi.RowMetadata meta) {
		Long duration = toLong(row.get(14));
		Event.Builder b = Event.builder()
				.id(EventRows.uuid(row.get(0, String.class)))
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
		return new Object[] {toLong(row.get(1)), b};
	}

	private static Long toLong(Object v) {
		return v == null ? null : ((Number) v).longValue();
	}

	private static Double toDouble(Object v) {
		return v == null ? null : ((Number) v).doubleValue();
	}

	// ---- retention ------------------------------------------------------------------------------

	/**
	 * Applies {@code retention} as of {@code now}: deletes events older than its age and the
	 * oldest beyond its count. When it retired any, it stores a {@code system} event that says
	 * what (module {@code sluice.events.retention}) and emits it; else completes empty.
	 */
	public Mono<Event> retire(Retention retention, Instant now) {
		Objects.requireNonNull(retention, "retention");
		Objects.requireNonNull(now, "now");
		Mono<Long> byAge = retention.maxAge().isZero() ? Mono.just(0L)
				: update("DELETE FROM " + EventSchema.EVENTS + " WHERE time_ns < $1",
						s -> s.bind(0, EventRows.nanos(now.minus(retention.maxAge()))));
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
			return save(List.of(e)).thenReturn(e);
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
		return run(withConnection(c -> Flux.from(c.createStatement(find).execute())
				.flatMap(r -> r.map((row, meta) -> new Object[] {toLong(row.get(0)), row.get(1, String.class)})).next()))
				.flatMap(cut -> update("DELETE FROM " + EventSchema.EVENTS + " WHERE time_ns < $1 OR (time_ns = $2 AND id <= $3)",
						s -> s.bind(0, cut[0]).bind(1, cut[0]).bind(2, cut[1])))
				.defaultIfEmpty(0L);
	}

	private Mono<Long> update(String sql, java.util.function.Consumer<Statement> binder) {
		return run(withConnection(c -> {
			Statement s = c.createStatement(sql);
			binder.accept(s);
			return Flux.from(s.execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
		}));
	}

	// ---- connections ----------------------------------------------------------------------------

	private <T> Mono<T> withConnection(Function<Connection, Mono<T>> work) {
		return ready.then(Mono.usingWhen(factory.create(), work, Connection::close, (c, e) -> c.close(), Connection::close));
	}

	/** H2 runs in the subscribing thread: keep it off Reactor's non-blocking threads. */
	private <T> Mono<T> run(Mono<T> work) {
		return blocking ? work.subscribeOn(scheduler) : work;
	}

	private Mono<Void> createSchema() {
		return Mono.usingWhen(factory.create(), c -> Flux.fromIterable(EventSchema.DDL)
				.concatMap(sql -> Flux.from(c.createStatement(sql).execute()).flatMap(Result::getRowsUpdated))
				.then(), c -> keepOrClose(c), (c, e) -> c.close(), Connection::close);
	}

	private Publisher<Void> keepOrClose(Connection c) {
		// an H2 database closes with its last connection: keep one open for the store's lifetime
		if (blocking && anchor.compareAndSet(null, c)) {
			return Mono.empty();
		}
		return c.close();
	}

	/** Closes the connection that keeps an embedded database open. Idempotent. */
	public Mono<Void> close() {
		return Mono.defer(() -> {
			Connection c = anchor.getAndSet(null);
			return c == null ? Mono.<Void>empty() : Mono.from(c.close());
		}).subscribeOn(blocking ? scheduler : Schedulers.immediate());
	}

	@Override
	public String toString() {
		return "EventStore{" + description + '}';
	}
}
