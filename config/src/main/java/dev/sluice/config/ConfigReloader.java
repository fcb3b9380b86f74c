package dev.sluice.config;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.options.ConfigProblem;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Keeps a running {@link Sluice} following a {@link ConfigSource}: each valid new version is
 * turned into a plan and applied (the pipeline switches atomically and keeps unchanged sinks);
 * a rejected version, or one whose sinks cannot be made, leaves the running config in force and
 * is reported once at WARNING on the {@code sluice.config} logger, with every problem. Following
 * ends with {@link #dispose()}, or by itself once the pipeline is shut down.
 *
 * <p>Thread-safe. Plans are applied one at a time, in the order the file changed.
 */
public final class ConfigReloader implements Disposable {

	/** The logger that rejected configs are reported on. */
	public static final String LOGGER = "sluice.config";

	private final Sluice sluice;
	private final ConfigSource source;
	private final AtomicReference<LoggingConfig> current;
	private final AtomicLong applied = new AtomicLong();
	private final AtomicLong rejected = new AtomicLong();
	private final Sinks.Many<ConfigUpdate> outcomes = Sinks.many().multicast().directBestEffort();
	private final Disposable subscription;

	private ConfigReloader(Sluice sluice, ConfigSource source, LoggingConfig current) {
		this.sluice = sluice;
		this.source = source;
		this.current = new AtomicReference<>(current);
		this.subscription = source.updatesAfter(current)
				.concatMap(this::handle)
				.subscribe(x -> { }, e -> sluice.environment().status().error("config",
						"following " + source.file() + " stopped", e));
	}

	/**
	 * Reads the source's file, builds a pipeline from {@code builder}, applies the config and
	 * follows the file. Blocks while the file is read and the sinks are made.
	 *
	 * @throws InvalidConfigException listing every problem when the file is invalid now (nothing
	 *                                is started then)
	 */
	public static ConfigReloader start(Sluice.Builder builder, ConfigSource source) {
		LoggingConfig initial = source.loader().read(source.file());
		if (initial.sluice().ingressCapacity() != null) {
			builder.ingressCapacity(initial.sluice().ingressCapacity());
		}
		Sluice sluice = builder.build();
		try {
			sluice.apply(source.loader().plan(initial, sluice.environment(), sluice.plan())).block();
		}
		catch (RuntimeException e) {
			sluice.close();
			throw e;
		}
		return new ConfigReloader(sluice, source, initial);
	}

	/** Follows {@code source} on a pipeline already running {@code current} (read from the same file). */
	public static ConfigReloader follow(Sluice sluice, ConfigSource source, LoggingConfig current) {
		return new ConfigReloader(Objects.requireNonNull(sluice, "sluice"), Objects.requireNonNull(source, "source"),
				Objects.requireNonNull(current, "current"));
	}

	private Mono<Void> handle(ConfigUpdate update) {
		if (!update.isValid()) {
			reject(update.error());
			return Mono.empty();
		}
		LoggingConfig config = update.config();
		RoutingPlan plan;
		try {
			plan = source.loader().plan(config, sluice.environment(), sluice.plan());
		}
		catch (RuntimeException e) {
			reject(asInvalid(e));
			return Mono.empty();
		}
		Integer capacity = config.sluice().ingressCapacity();
		if (capacity != null && !capacity.equals(current.get().sluice().ingressCapacity())) {
			sluice.logger(LOGGER).warn("{}: /sluice/ingress_capacity {} takes effect at the next start; the running"
					+ " pipeline keeps its ingress", source.file(), capacity);
		}
		return sluice.apply(plan).then(Mono.fromRunnable(() -> {
			current.set(config);
			applied.incrementAndGet();
			outcomes.tryEmitNext(update);
		})).onErrorResume(e -> {
			if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("shut down")) {
				subscriptionDisposeLater();
				return Mono.empty();
			}
			reject(asInvalid(e));
			return Mono.empty();
		}).then();
	}

	private InvalidConfigException asInvalid(Throwable e) {
		if (e instanceof InvalidConfigException) {
			return (InvalidConfigException) e;
		}
		return new InvalidConfigException(new ConfigProblem(source.file() + ":/",
				"expected the new config's sinks to start, found an error: " + e));
	}

	private void reject(InvalidConfigException e) {
		rejected.incrementAndGet();
		Logger log = sluice.logger(LOGGER);
		StringBuilder sb = new StringBuilder();
		for (ConfigProblem p : e.problems()) {
			sb.append("\n  ").append(p);
		}
		log.warn("{} was not applied ({} problem(s)); the running configuration stays:{}", source.file(),
				e.problems().size(), sb);
		outcomes.tryEmitNext(ConfigUpdate.invalid(e));
	}

	private void subscriptionDisposeLater() {
		// called from inside the subscription's own chain: cancelling it there is allowed in Reactor
		Disposable s = subscription;
		if (s != null) {
			s.dispose();
		}
	}

	/** The pipeline this reloader configures. */
	public Sluice sluice() {
		return sluice;
	}

	/** The config in force (the last one applied). */
	public LoggingConfig current() {
		return current.get();
	}

	/** How many new versions were applied so far. */
	public long applied() {
		return applied.get();
	}

	/** How many new versions were rejected so far. */
	public long rejected() {
		return rejected.get();
	}

	/**
	 * Each handled version from now on, as it is applied or rejected (hot: nothing is replayed).
	 * Signals may arrive on the pipeline's router thread: observe, do not block.
	 */
	public Flux<ConfigUpdate> outcomes() {
		return outcomes.asFlux();
	}

	/** Stops following; the pipeline keeps running with the config in force. */
	@Override
	public void dispose() {
		subscription.dispose();
	}

	@Override
	public boolean isDisposed() {
		return subscription.isDisposed();
	}
}
