package dev.sluice.events;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * An event store's connections: the pool, the threads H2's blocking driver runs on, the schema made
 * (or migrated) once before the first operation, and closing all of it. Thread-safe.
 */
final class StoreConnections {

	private static final Duration FOREVER = Duration.ofMillis(Long.MAX_VALUE);

	private final ConnectionFactory factory;
	private final ConnectionPool pool;
	private final int poolSize;
	private final boolean blocking;
	private final ThreadPoolExecutor driverThreads;
	private final Scheduler scheduler;
	private final AtomicReference<Connection> anchor = new AtomicReference<>();
	private final Mono<Void> ready;
	/** Whether the schema's making has started (then close waits for it). */
	private volatile boolean opening;
	/** Set by close: an opening that ends after it closes its connection instead of keeping it. */
	private volatile boolean closing;
	private static final int CLOSE_WAITS_FOR_OPENING_SECONDS = 10;
	/** Events a transaction when migrating an earlier schema (tests make it small). */
	volatile int migrationPage = 1_000;
	/** PostgreSQL (r2dbc-postgresql): batches go through COPY. */
	private final boolean postgres;

	StoreConnections(ConnectionFactory factory, int poolSize) {
		this.factory = Objects.requireNonNull(factory, "factory");
		this.poolSize = poolSize;
		this.blocking = factory.getMetadata().getName().toLowerCase(java.util.Locale.ROOT).contains("h2");
		this.postgres = factory.getMetadata().getName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
		this.driverThreads = DriverThreads.start(poolSize + 1);
		// a plain Executor: given an ExecutorService, Reactor would make a scheduler that interrupts again
		Executor execute = driverThreads::execute;
		this.scheduler = Schedulers.fromExecutor(execute);
		// no background eviction (it would close H2 connections on a parallel thread); idle
		// connections are evicted when the pool is used, and close() releases the rest
		this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
				.name("sluice-events").initialSize(0).maxSize(poolSize)
				// bounds making a connection too; no maxCreateConnectionTime: the pool would build that
				// timeout once, on the Schedulers.parallel() of its construction, which a reset of
				// Reactor's schedulers (virtual time in tests) disposes for good
				.maxAcquireTime(Duration.ofSeconds(EventStore.ACQUIRE_SECONDS))
				// connections are made on the store's own threads, not on the Schedulers.single() the
				// pool would keep from its construction (gone after such a reset)
				.allocatorSubscribeOn(scheduler)
				.maxIdleTime(Duration.ofMinutes(10))
				.build());
		// a failed opening is not kept: the next operation tries again (a database that was down comes back)
		this.ready = Mono.defer(this::createSchema).cache(done -> FOREVER, failed -> Duration.ZERO, () -> FOREVER);
	}

	/** Borrows a pooled connection for {@code work} and gives it back however work ends. */
	<T> Mono<T> withConnection(Function<Connection, Mono<T>> work) {
		// a pooled connection may be handed over on the thread that released or timed it (a timer
		// thread): H2 work must still run on the store's own threads, not there
		Mono<Connection> borrowed = blocking ? pool.create().publishOn(scheduler) : pool.create();
		return ready.then(Mono.usingWhen(borrowed, work, Connection::close, (c, e) -> c.close(), Connection::close));
	}

	/** A new connection outside the pool, before the schema is made or migrated (tests of the migration). */
	Mono<Connection> connectionBeforeSchema() {
		return Mono.from(factory.create());
	}

	/** A new connection outside the pool (for tests that hold a transaction open). */
	Mono<Connection> unpooledConnection() {
		return ready.then(Mono.from(factory.create()));
	}

	/** H2 runs in the subscribing thread: keep it off Reactor's non-blocking threads. */
	<T> Mono<T> run(Mono<T> work) {
		return blocking ? work.subscribeOn(scheduler) : work;
	}

	/** {@code work} once the schema is made (the first call makes it, as any operation does). */
	<T> Mono<T> afterOpening(Mono<T> work) {
		return ready.then(work);
	}

	/** Whether the driver runs its work on the subscribing thread (H2). */
	boolean blocking() {
		return blocking;
	}

	private Mono<Void> createSchema() {
		opening = true;
		// a store made by an earlier version is brought to the current schema first (SchemaMigration)
		return Mono.usingWhen(factory.create(), c -> SchemaMigration.setAside(c).flatMap(migrate -> Flux
				.fromIterable(EventSchema.ddl(postgres))
				.concatMap(sql -> Flux.from(c.createStatement(sql).execute()).flatMap(Result::getRowsUpdated))
				.then(SchemaMigration.dropKeyReferences(c))
				.then(migrate ? SchemaMigration.copy(c, migrationPage, postgres) : Mono.empty())), c -> keepOrClose(c), (c, e) -> c.close(),
				Connection::close);
	}

	private Publisher<Void> keepOrClose(Connection c) {
		// an H2 database closes with its last connection: keep one open for the store's lifetime
		// (not once the store is closing: nothing would close it then)
		if (blocking && !closing && anchor.compareAndSet(null, c)) {
			return Mono.empty();
		}
		return c.close();
	}

	/**
	 * See {@link EventStore#close()}; {@code first} runs (on the store's threads, after an opening in
	 * flight) before the pool and the store's own connection close.
	 */
	Mono<Void> close(Runnable first) {
		// an opening in flight (the first operation's) finishes first, within a bound
		// (a database that does not answer must not hold a shutdown): else it could keep its
		// connection after the close and hold the database open
		Mono<Void> opened = Mono.defer(() -> {
			closing = true;
			return opening ? ready.timeout(Duration.ofSeconds(CLOSE_WAITS_FOR_OPENING_SECONDS), Mono.empty())
					.onErrorResume(e -> Mono.empty()) : Mono.<Void>empty();
		});
		return opened.then(Mono.defer(() -> {
			first.run();
			Connection c = anchor.getAndSet(null);
			Mono<Void> closePool = pool.isDisposed() ? Mono.<Void>empty() : pool.disposeLater();
			return closePool.then(c == null ? Mono.<Void>empty() : Mono.from(c.close()));
		})).subscribeOn(blocking && !driverThreads.isShutdown() ? scheduler : Schedulers.immediate())
				.doFinally(signal -> driverThreads.shutdown());
	}

	/** The scheduler the driver's blocking work runs on (H2); cancelling its tasks never interrupts them. */
	Scheduler driverScheduler() {
		return scheduler;
	}

	/** The pool's current numbers (connections acquired, allocated, idle, waited for). */
	io.r2dbc.pool.PoolMetrics poolMetrics() {
		return pool.getMetrics().orElseThrow();
	}

	/** Whether {@link #close()} has closed the pool. */
	boolean closed() {
		return pool.isDisposed();
	}

	/** The most connections in the pool. */
	int poolSize() {
		return poolSize;
	}

	/** PostgreSQL (r2dbc-postgresql): batches go through COPY. */
	boolean postgres() {
		return postgres;
	}
}
