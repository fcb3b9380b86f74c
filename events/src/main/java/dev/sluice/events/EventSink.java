package dev.sluice.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.support.RecentIds;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The events handler's sink: turns event records (those with {@value EventKeys#MARKER}) into
 * {@link Event}s, giving each its UUIDv7 Id, and stores each batch in one transaction. It runs
 * on its own runner thread like every sink, so the store's I/O is off the caller's thread; a
 * batch that fails to store is counted as dropped ({@code sink_error}) by the runner.
 *
 * <p>Accounting: only stored events count as delivered. The pipeline's sink contract offers drop
 * reasons for what a sink does not deliver ({@code filtered} counts only handler filters, which
 * run before the sink), so the records this sink does not store on purpose are marked dropped
 * with a reason of their own:
 * <ul>
 * <li>{@value #NOT_AN_EVENT}: a record without the event marker (the handler sits on a logger that
 * also carries ordinary records); it is not an event and is not stored.</li>
 * <li>{@value #DUPLICATE}: a record whose own id ({@link EventKeys#RECORD_ID}, as records shipped
 * through Kafka carry it) was stored already: within the last {@code dedupeWindow} ids this sink
 * stored, within the same batch, or (for UUID ids, which become the event's Id) by any writer
 * before, found through the store's unique Id key. Redelivery is at least once, so this keeps
 * the event log exactly once per record.</li>
 * </ul>
 *
 * <p>Retention runs every {@link Retention#interval()} on {@code scheduler} (boundedElastic by
 * default), separately from writes; its failures are reported on the status logger.
 */
final class EventSink implements Sink {

	/** Drop reason of a record that is not an event record. */
	static final String NOT_AN_EVENT = "not_an_event";
	/** Drop reason of a record whose id was stored already. */
	static final String DUPLICATE = "duplicate";
	/** Record ids remembered for de-duplication unless configured. */
	static final int DEFAULT_DEDUPE_WINDOW = 10_000;

	private final EventStore store;
	private final Retention retention;
	private final SinkEnvironment environment;
	private final UuidV7 ids = new UuidV7();
	private final RecentIds recent;
	private final Disposable retentionJob;
	private volatile boolean closing;
	private static final Duration RETENTION_CLOSE_WAIT = Duration.ofSeconds(30);
	private volatile CompletableFuture<Void> retentionRun = CompletableFuture.completedFuture(null);

	EventSink(EventStore store, Retention retention, SinkEnvironment environment) {
		this(store, retention, environment, Schedulers.boundedElastic(), DEFAULT_DEDUPE_WINDOW);
	}

	EventSink(EventStore store, Retention retention, SinkEnvironment environment, Scheduler scheduler) {
		this(store, retention, environment, scheduler, DEFAULT_DEDUPE_WINDOW);
	}

	EventSink(EventStore store, Retention retention, SinkEnvironment environment, Scheduler scheduler,
			int dedupeWindow) {
		this.store = store;
		this.retention = retention;
		this.environment = environment;
		this.recent = new RecentIds(dedupeWindow);
		this.retentionJob = Flux.interval(retention.interval(), retention.interval(), scheduler)
				.onBackpressureDrop()
				.filter(tick -> !closing)
				.concatMap(tick -> {
					CompletableFuture<Void> run = new CompletableFuture<>();
					retentionRun = run;
					return applyRetention().onErrorResume(e -> {
						environment.status().error("events", "applying retirement rules failed", e);
						return Mono.empty();
					}).doFinally(signal -> run.complete(null));
				}, 1)
				.subscribe();
	}

	/** Applies the retention rules now (as of the environment's clock). */
	Mono<Event> applyRetention() {
		return store.retire(retention, environment.clock().instant());
	}

	@Override
	public Mono<Void> write(Batch batch) {
		List<Event> events = new ArrayList<>(batch.size());
		Set<String> batchIds = new LinkedHashSet<>();
		int notEvents = 0;
		int duplicates = 0;
		for (LogRecord r : batch.records()) {
			if (!EventRows.isEvent(r)) {
				notEvents++;
				continue;
			}
			String id = EventRows.recordId(r);
			if (id != null && (recent.contains(id) || !batchIds.add(id))) {
				duplicates++;
				continue;
			}
			events.add(EventRows.fromRecord(r, ids));
		}
		batch.dropped(notEvents, NOT_AN_EVENT);
		batch.dropped(duplicates, DUPLICATE);
		// ids are remembered only once stored: a batch that fails is not a duplicate when it comes again.
		// Only records with ids of their own can be stored already; fresh UUIDv7 Ids need no look-up.
		Mono<Integer> saved = batchIds.isEmpty() ? store.save(events).thenReturn(0) : store.saveNew(events);
		return saved.doOnNext(stored -> {
			batch.dropped(stored, DUPLICATE);
			recent.addAll(batchIds);
		}).then();
	}

	@Override
	public Mono<Void> close() {
		// no new retention run; the one in flight finishes first (cancelling it while it gives its
		// connection back would race the pool's disposal)
		closing = true;
		return Mono.defer(() -> Mono.fromFuture(retentionRun)).timeout(RETENTION_CLOSE_WAIT, Mono.empty())
				.then(Mono.fromRunnable(retentionJob::dispose))
				.then(store.close());
	}

	EventStore store() {
		return store;
	}

	RecentIds recent() {
		return recent;
	}
}
