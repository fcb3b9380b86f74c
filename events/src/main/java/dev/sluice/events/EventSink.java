package dev.sluice.events;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import io.micrometer.core.instrument.Counter;
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
 * <p>Records without the marker are not events: they are accepted and not stored (counted in
 * {@code sluice.events.records.ignored}), so the handler may also sit on a logger that carries
 * ordinary records.
 *
 * <p>Retention runs every {@link Retention#interval()} on {@code scheduler} (boundedElastic by
 * default), separately from writes; its failures are reported on the status logger.
 */
final class EventSink implements Sink {

	private final EventStore store;
	private final Retention retention;
	private final SinkEnvironment environment;
	private final UuidV7 ids = new UuidV7();
	private final Counter ignored;
	private final Disposable retentionJob;

	EventSink(EventStore store, Retention retention, SinkEnvironment environment) {
		this(store, retention, environment, Schedulers.boundedElastic());
	}

	EventSink(EventStore store, Retention retention, SinkEnvironment environment, Scheduler scheduler) {
		this.store = store;
		this.retention = retention;
		this.environment = environment;
		this.ignored = Counter.builder("sluice.events.records.ignored")
				.description("records that reached an events handler without being events")
				.register(environment.meterRegistry());
		this.retentionJob = Flux.interval(retention.interval(), retention.interval(), scheduler)
				.onBackpressureDrop()
				.concatMap(tick -> applyRetention().onErrorResume(e -> {
					environment.status().error("events", "applying retirement rules failed", e);
					return Mono.empty();
				}), 1)
				.subscribe();
	}

	/** Applies the retention rules now (as of the environment's clock). */
	Mono<Event> applyRetention() {
		return store.retire(retention, environment.clock().instant());
	}

	@Override
	public Mono<Void> write(Batch batch) {
		List<Event> events = new ArrayList<>(batch.size());
		for (LogRecord r : batch.records()) {
			if (EventRows.isEvent(r)) {
				events.add(EventRows.fromRecord(r, ids));
			}
			else {
				ignored.increment();
			}
		}
		return store.save(events);
	}

	@Override
	public Mono<Void> close() {
		retentionJob.dispose();
		return store.close();
	}

	EventStore store() {
		return store;
	}
}
