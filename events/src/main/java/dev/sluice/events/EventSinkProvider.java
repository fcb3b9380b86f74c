package dev.sluice.events;

import java.util.Set;

import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;

/**
 * Handler class {@code sluice.events} (short {@code events}): stores event records.
 *
 * <pre>{@code
 * "handlers": {"events": {"class": "sluice.events", "url": "r2dbc:postgresql://db:5432/ops",
 *                          "user": "ops", "password": "...", "retention_days": 90, "max_events": 1000000}},
 * "loggers": {"sluice.events": {"level": "INFO", "handlers": ["events"], "propagate": false}}
 * }</pre>
 *
 * <p>Options: {@code url} (an R2DBC URL; default: the embedded H2 file database
 * {@value EventStore#DEFAULT_PATH} under the base directory), {@code path} (instead of {@code url}:
 * the embedded database's file, relative to the base directory or absolute; H2 adds
 * {@code .mv.db}), {@code user}, {@code password}
 * (never printed), {@code retention_days} (default 90; 0: no age limit), {@code max_events}
 * (default 1,000,000; 0: no limit), {@code retention_interval} (default 1h), {@code pool_size}
 * (connections to the store, 1 to {@value EventStore#MAX_POOL_SIZE}, default
 * {@value EventStore#DEFAULT_POOL_SIZE}), {@code dedup_window} (how many record ids are remembered to
 * skip redelivered records, default {@value EventSink#DEFAULT_DEDUPE_WINDOW}; 0: only the store's Id
 * key).
 *
 * <p>Its runner lingers {@value #DEFAULT_LINGER_MILLIS} ms after a write by default (the handler's
 * {@code linger}; {@code 0} turns it off): a transaction costs about as much for one event as for a
 * hundred, so events coming one by one (a service's requests) are stored together, in a fraction of
 * the store's time. A full batch, an ERROR event, a flush and a shutdown are never held.
 */
public final class EventSinkProvider implements SinkProvider {

	/** The default wait after a write for more events, in milliseconds. */
	public static final long DEFAULT_LINGER_MILLIS = 200;

	@Override
	public java.time.Duration defaultLinger() {
		return java.time.Duration.ofMillis(DEFAULT_LINGER_MILLIS);
	}

	@Override
	public Set<String> classNames() {
		return Set.of("sluice.events", "events");
	}

	@Override
	public Sink create(SinkSpec spec) {
		SinkOptions o = spec.options();
		String url = o.string("url", null);
		String path = o.string("path", null);
		String user = o.string("user", null);
		Secret password = o.secret("password");
		int days = o.integer("retention_days", 90);
		long max = o.longValue("max_events", 1_000_000L);
		java.time.Duration interval = o.duration("retention_interval", java.time.Duration.ofHours(1));
		int poolSize = o.integer("pool_size", EventStore.DEFAULT_POOL_SIZE);
		int window = o.integer("dedup_window", EventSink.DEFAULT_DEDUPE_WINDOW);
		if (poolSize < 1 || poolSize > EventStore.MAX_POOL_SIZE) {
			o.problem("pool_size", "must be 1 to " + EventStore.MAX_POOL_SIZE + ", was " + poolSize);
		}
		if (window < 0) {
			o.problem("dedup_window", "must be 0 (store key only) or more, was " + window);
		}
		if (days < 0) {
			o.problem("retention_days", "must be 0 (no limit) or more, was " + days);
		}
		if (max < 0) {
			o.problem("max_events", "must be 0 (no limit) or more, was " + max);
		}
		if (interval.isZero()) {
			o.problem("retention_interval", "must be longer than zero");
		}
		if (url != null && !url.startsWith("r2dbc:")) {
			o.problem("url", "expected an R2DBC URL such as r2dbc:postgresql://host:5432/db or r2dbc:h2:file:///path/events, "
					+ "found '" + EventStore.redact(url) + "'");
		}
		if (url != null && path != null) {
			o.problem("path", "give either url or path, not both");
		}
		o.validate();
		EventStore store;
		try {
			store = url == null
					? EventStore.h2File(spec.environment().baseDirectory()
							.resolve(path == null ? EventStore.DEFAULT_PATH : path), poolSize)
					: EventStore.open(url, user, password == null ? null : password.reveal(), poolSize);
		}
		catch (IllegalArgumentException e) {
			o.problem("url", e.getMessage());
			o.validate();
			throw e;
		}
		return new EventSink(store, Retention.of(days, max).withInterval(interval), spec.environment(),
				reactor.core.scheduler.Schedulers.boundedElastic(), window);
	}
}
