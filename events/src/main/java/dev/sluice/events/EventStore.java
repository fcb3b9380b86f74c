package dev.sluice.events;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.sluice.events.EventReads.SeqEvent;
import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The event store: events in a relational database through R2DBC. The embedded default is an H2
 * file database (no server); PostgreSQL ({@code r2dbc:postgresql://host/db}) is the production
 * option. Tables are made on first use ({@link EventSchema}).
 *
 * <p>Connections: operations borrow from a pool ({@code r2dbc-pool}) of at most
 * {@link #poolSize()} connections (default {@value #DEFAULT_POOL_SIZE}); an operation that cannot get
 * one within {@value #ACQUIRE_SECONDS} seconds errors instead of waiting for ever. {@link #close()}
 * closes the pool and every connection. An H2 store also keeps one connection of its own open for its
 * lifetime, so that the database stays open while the pool is idle.
 *
 * <p>Threading: every method returns a cold publisher and blocks no caller. H2 runs its work
 * synchronously inside the driver (file I/O, locks), so for H2 every operation runs on the store's
 * own threads and Reactor's non-blocking threads stay clean; PostgreSQL's driver is non-blocking
 * and runs on its own event loop. An H2 file store made by {@link #h2File} (or {@link #embedded})
 * writes through H2's own JDBC API on those threads ({@link H2JdbcWrites}: r2dbc-h2's binding was a
 * third of a batch's cost) and reads through R2DBC, and so does one opened by an H2 file URL
 * without options or credentials; other {@code r2dbc:h2:} URLs read and write through R2DBC.
 *
 * <p>Errors: a failed operation errors its publisher with the driver's exception; nothing is
 * retried here (the events sink counts a failed batch as dropped, with reason {@code sink_error}).
 */
public final class EventStore {

	/** The default location of the embedded database, relative to the working directory. */
	public static final String DEFAULT_PATH = "sluice-data/events";

	/** Connections in the pool unless configured. */
	public static final int DEFAULT_POOL_SIZE = 4;

	/** The most connections a pool may be configured with. */
	public static final int MAX_POOL_SIZE = 64;

	/** How long {@link #tail} waits for a gap in insertion numbers to fill before it gives the gap up. */
	public static final Duration DEFAULT_LATE_COMMIT = Duration.ofSeconds(10);

	static final int ACQUIRE_SECONDS = 30;

	private static final int TAIL_PAGE = 500;

	private final StoreConnections connections;
	private final String description;
	/** An H2 file store's writes through H2's JDBC API; null for every other store. */
	private final H2JdbcWrites h2Writes;

	private EventStore(ConnectionFactory factory, String description, int poolSize) {
		this(factory, description, poolSize, null);
	}

	private EventStore(ConnectionFactory factory, String description, int poolSize, H2JdbcWrites h2Writes) {
		Objects.requireNonNull(factory, "factory");
		if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
			throw new IllegalArgumentException("event store pool size must be 1 to " + MAX_POOL_SIZE + ", was " + poolSize);
		}
		this.description = description;
		this.connections = new StoreConnections(factory, poolSize);
		this.h2Writes = h2Writes;
	}

	/** The embedded H2 database at {@code baseDirectory}/{@value #DEFAULT_PATH} ({@code events.mv.db}). */
	public static EventStore embedded(Path baseDirectory) {
		return h2File(baseDirectory.resolve(DEFAULT_PATH));
	}

	/** An H2 file database at {@code path} (H2 adds {@code .mv.db}); parent directories are made by H2. */
	public static EventStore h2File(Path path) {
		return h2File(path, DEFAULT_POOL_SIZE);
	}

	/** {@link #h2File(Path)} with a pool of at most {@code poolSize} connections. */
	public static EventStore h2File(Path path, int poolSize) {
		String file = path.toAbsolutePath().toString();
		return new EventStore(new H2ConnectionFactory(H2ConnectionConfiguration.builder().file(file).build()),
				"h2 file " + file, poolSize, new H2JdbcWrites(file));
	}

	/**
	 * The store at an R2DBC URL: {@code r2dbc:h2:file:///abs/path} (an H2 file store, as
	 * {@link #h2File}: see {@link H2FileUrl} for the forms taken), {@code r2dbc:h2:mem:///name},
	 * {@code r2dbc:postgresql://host:5432/db}. User and password may be given apart from the URL
	 * (null: none or the URL's), so that the URL can be shown without a secret.
	 *
	 * @throws IllegalArgumentException when the URL is malformed, no driver on the class path takes
	 *         it, or {@code poolSize} is not 1 to {@value #MAX_POOL_SIZE}
	 */
	public static EventStore open(String url, String user, CharSequence password, int poolSize) {
		Objects.requireNonNull(url, "url");
		String file = user == null && password == null ? H2FileUrl.path(url) : null;
		if (file != null) {
			return h2File(Path.of(file), poolSize);
		}
		ConnectionFactoryOptions options;
		try {
			options = ConnectionFactoryOptions.parse(url);
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("event store url '" + redact(url) + "' is not an R2DBC URL (such as "
					+ "r2dbc:postgresql://host:5432/db or r2dbc:h2:file:///path/events): " + e.getMessage(), e);
		}
		ConnectionFactoryOptions.Builder b = options.mutate();
		if (user != null) {
			b.option(ConnectionFactoryOptions.USER, user);
		}
		if (password != null) {
			b.option(ConnectionFactoryOptions.PASSWORD, password);
		}
		ConnectionFactory f;
		try {
			f = ConnectionFactories.get(b.build());
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("no R2DBC driver for event store url '" + redact(url)
					+ "' (r2dbc-h2 and r2dbc-postgresql are the supported ones): " + e.getMessage(), e);
		}
		return new EventStore(f, redact(url), poolSize);
	}

	/** {@link #open(String, String, CharSequence, int)} with the default pool size. */
	public static EventStore open(String url, String user, CharSequence password) {
		return open(url, user, password, DEFAULT_POOL_SIZE);
	}

	/** {@link #open(String, String, CharSequence, int)} with the URL's own credentials. */
	public static EventStore open(String url) {
		return open(url, null, null);
	}

	/** A store over an existing (unpooled) connection factory; the store pools it. */
	public static EventStore of(ConnectionFactory factory) {
		return new EventStore(factory, factory.getMetadata().getName(), DEFAULT_POOL_SIZE);
	}

	/** The URL without its password. */
	static String redact(String url) {
		return url.replaceAll("(//[^/:@]*:)[^@/]*@", "$1******@");
	}

	/** The most connections this store holds at once. */
	public int poolSize() {
		return connections.poolSize();
	}

	// ---- writing --------------------------------------------------------------------------------

	/**
	 * Stores {@code events} in one transaction; completes when they are committed. An Id that is
	 * stored already errors the batch (see {@link #saveNew} to skip those instead).
	 */
	public Mono<Void> save(List<Event> events) {
		return save(events, false).then();
	}

	/**
	 * Stores the events whose Id is not stored yet, in one transaction; emits how many were skipped
	 * because an event with the same Id was already stored (a redelivered record). Two writers that
	 * store the same new Id at the same moment still collide on the Id key: that batch errors.
	 */
	public Mono<Integer> saveNew(List<Event> events) {
		return save(events, true);
	}

	private Mono<Integer> save(List<Event> events, boolean skipStored) {
		if (events.isEmpty()) {
			return Mono.just(0);
		}
		List<Event> copy = List.copyOf(events);
		if (h2Writes != null) {
			return run(connections.afterOpening(Mono.fromCallable(() -> h2Writes.save(copy, skipStored))));
		}
		boolean postgres = connections.postgres();
		return inTransaction(c -> skipStored ? EventWrites.insertNew(c, copy, postgres)
				: EventWrites.insert(c, copy, postgres).thenReturn(0));
	}

	/**
	 * Runs {@code work} on one connection in one transaction: committed when it emits, rolled back
	 * when it errors (the error goes on; a failed rollback does not hide it).
	 */
	<T> Mono<T> inTransaction(Function<Connection, Mono<T>> work) {
		return run(withConnection(c -> Mono.from(c.beginTransaction())
				.then(work.apply(c))
				.flatMap(result -> Mono.from(c.commitTransaction()).thenReturn(result))
				.onErrorResume(e -> Mono.from(c.rollbackTransaction()).onErrorResume(r -> Mono.empty())
						.then(Mono.error(e)))));
	}

	// ---- reading --------------------------------------------------------------------------------

	/** The events that match {@code query}, newest first, at most its limit. */
	public Flux<Event> query(EventQuery query) {
		Objects.requireNonNull(query, "query");
		SqlWhere where = SqlWhere.of(query, connections.postgres());
		String sql = "SELECT " + EventReads.prefixed() + " FROM " + EventSchema.EVENTS + " e" + where.sql()
				+ " ORDER BY e.time_ns DESC, e.id DESC LIMIT " + query.limit();
		return select(sql, where::bind);
	}

	/** The events of one operation, oldest first (with their durations). */
	public Flux<Event> operation(String operationId) {
		Objects.requireNonNull(operationId, "operationId");
		String sql = "SELECT " + EventReads.prefixed() + " FROM " + EventSchema.EVENTS
				+ " e WHERE e.operation_id = $1 ORDER BY e.time_ns, e.id";
		return select(sql, s -> s.bind(0, operationId));
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
	 * polling every {@code interval} on {@link Schedulers#parallel()}; starts after the newest event
	 * stored at subscription. Infinite; cancel to stop. See {@link #tail(Duration, Duration, Scheduler)}.
	 */
	public Flux<Event> tail(Duration interval) {
		return tail(interval, DEFAULT_LATE_COMMIT, Schedulers.parallel());
	}

	/**
	 * Follows new events, polling every {@code interval} on {@code timer}; starts after the newest
	 * event stored at subscription. Each event is emitted once. An event whose transaction commits
	 * after a later-numbered one is still emitted if it commits within {@code lateCommit} of that one
	 * (see {@link EventTail}). A poll never overlaps the previous one; ticks that come while a poll
	 * runs are folded into one more poll. A failed poll errors the flux.
	 */
	public Flux<Event> tail(Duration interval, Duration lateCommit, Scheduler timer) {
		Objects.requireNonNull(interval, "interval");
		Objects.requireNonNull(lateCommit, "lateCommit");
		Objects.requireNonNull(timer, "timer");
		return lastSeq().flatMapMany(start -> tailAfter(start, interval, lateCommit, timer));
	}

	/** The tail from just after insertion number {@code after}. */
	Flux<Event> tailAfter(long after, Duration interval, Duration lateCommit, Scheduler timer) {
		return Flux.defer(() -> {
			EventTail tail = new EventTail(after, lateCommit);
			String sql = "SELECT " + EventReads.prefixed() + " FROM " + EventSchema.EVENTS
					+ " e WHERE e.seq > $1 ORDER BY e.seq LIMIT " + TAIL_PAGE;
			return Flux.interval(interval, interval, timer).onBackpressureLatest()
					.concatMap(tick -> selectPage(sql, s -> s.bind(0, tail.cursor()))
							.flatMapIterable(page -> tail.accept(page, timer.now(TimeUnit.MILLISECONDS))), 1);
		});
	}

	/** The highest insertion number stored (0 when empty). */
	Mono<Long> lastSeq() {
		return run(withConnection(c -> Flux.from(c.createStatement("SELECT MAX(seq) FROM " + EventSchema.EVENTS).execute())
				.flatMap(r -> r.map((row, meta) -> {
					Object v = row.get(0);
					return v == null ? 0L : ((Number) v).longValue();
				})).next())).defaultIfEmpty(0L);
	}

	private Flux<Event> select(String sql, Consumer<Statement> binder) {
		return selectPage(sql, binder).flatMapIterable(page -> page.stream().map(SeqEvent::event).toList());
	}

	private Mono<List<SeqEvent>> selectPage(String sql, Consumer<Statement> binder) {
		return run(withConnection(c -> EventReads.page(c, sql, binder)));
	}

	// ---- retention ------------------------------------------------------------------------------

	/**
	 * Applies {@code retention} as of {@code now}: deletes events older than its age and the
	 * oldest beyond its count. When it retired any, it stores a {@code system} event that says
	 * what (module {@code sluice.events.retention}) and emits it; else completes empty.
	 */
	public Mono<Event> retire(Retention retention, Instant now) {
		return new Retirement(this).apply(Objects.requireNonNull(retention, "retention"), Objects.requireNonNull(now, "now"));
	}

	// ---- connections ----------------------------------------------------------------------------

	/**
	 * Closes the pool (and every connection in it), then the connection that keeps an embedded
	 * database open. Operations after it error. Idempotent.
	 */
	public Mono<Void> close() {
		// an H2 file store's JDBC connections first: the R2DBC side's last connection closes the database
		return connections.close(h2Writes == null ? () -> {
		} : h2Writes::close);
	}

	/** The store's connections (pool, driver threads, schema). */
	StoreConnections connections() {
		return connections;
	}

	/** Borrows a pooled connection for {@code work} and gives it back however work ends. */
	<T> Mono<T> withConnection(Function<Connection, Mono<T>> work) {
		return connections.withConnection(work);
	}

	/** H2 runs in the subscribing thread: keep it off Reactor's non-blocking threads. */
	<T> Mono<T> run(Mono<T> work) {
		return connections.run(work);
	}

	@Override
	public String toString() {
		return "EventStore{" + description + '}';
	}
}
