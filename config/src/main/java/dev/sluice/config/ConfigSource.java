package dev.sluice.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.sluice.pipeline.sink.options.ConfigProblem;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The versions of one config file as a stream: a file watch for a fast reaction, a poll (every
 * 60 s by default) as a fallback where watching does not work, a content hash so that touching or
 * rewriting the same bytes emits nothing, and a debounce (250 ms by default) so that a file in
 * the middle of being written is read only once it has been quiet for that long.
 *
 * <pre>{@code
 * ConfigSource.of(Path.of("logging.json")).configs()   // Flux<LoggingConfig>: now, then each valid change
 * }</pre>
 *
 * <p>Threading: the watch blocks on its own daemon thread; reading, hashing and validating run on
 * the reader scheduler ({@link Schedulers#boundedElastic()} by default), the poll and debounce
 * timers on the timer scheduler ({@link Schedulers#parallel()} by default); both are looked up at
 * subscription, so {@code StepVerifier.withVirtualTime} drives them. Each subscription watches on
 * its own. Immutable; each {@code with...} returns a copy.
 */
public final class ConfigSource {

	private static final Object INITIAL = new Object();
	private static final String MISSING = "missing";

	private final Path file;
	private final ConfigLoader loader;
	private final Duration pollInterval;
	private final Duration debounce;
	private final boolean watch;
	private final Flux<?> triggers;
	private final Scheduler timer;
	private final Scheduler reader;

	private ConfigSource(Path file, ConfigLoader loader, Duration pollInterval, Duration debounce, boolean watch,
			Flux<?> triggers, Scheduler timer, Scheduler reader) {
		this.file = file;
		this.loader = loader;
		this.pollInterval = pollInterval;
		this.debounce = debounce;
		this.watch = watch;
		this.triggers = triggers;
		this.timer = timer;
		this.reader = reader;
	}

	/** The file's versions with the defaults: watch on, poll every 60 s, 250 ms debounce. */
	public static ConfigSource of(Path file) {
		return new ConfigSource(Objects.requireNonNull(file, "file"), ConfigLoader.defaults(), Duration.ofSeconds(60),
				Duration.ofMillis(250), true, Flux.empty(), null, null);
	}

	public Path file() {
		return file;
	}

	public ConfigLoader loader() {
		return loader;
	}

	public ConfigSource withLoader(ConfigLoader newLoader) {
		return new ConfigSource(file, Objects.requireNonNull(newLoader, "loader"), pollInterval, debounce, watch,
				triggers, timer, reader);
	}

	/** How often the file is read even without a watch event (default 60 s, as Jibe checks). */
	public ConfigSource withPollInterval(Duration interval) {
		if (interval.isZero() || interval.isNegative()) {
			throw new IllegalArgumentException("poll interval must be positive, was " + interval);
		}
		return new ConfigSource(file, loader, interval, debounce, watch, triggers, timer, reader);
	}

	/** How long the file must be quiet before it is read (default 250 ms; zero: no debounce). */
	public ConfigSource withDebounce(Duration quiet) {
		if (quiet.isNegative()) {
			throw new IllegalArgumentException("debounce must not be negative, was " + quiet);
		}
		return new ConfigSource(file, loader, pollInterval, quiet, watch, triggers, timer, reader);
	}

	/** Whether to use the platform's file watch (default true). */
	public ConfigSource withWatch(boolean enabled) {
		return new ConfigSource(file, loader, pollInterval, debounce, enabled, triggers, timer, reader);
	}

	/** More signals to look at the file on (such as a SIGHUP handler or a test), debounced like the rest. */
	public ConfigSource withTriggers(Flux<?> more) {
		return new ConfigSource(file, loader, pollInterval, debounce, watch, Objects.requireNonNull(more, "more"), timer,
				reader);
	}

	/** The scheduler of the poll and debounce timers (default {@link Schedulers#parallel()}). */
	public ConfigSource withTimer(Scheduler scheduler) {
		return new ConfigSource(file, loader, pollInterval, debounce, watch, triggers, scheduler, reader);
	}

	/** The scheduler that reads and validates (default {@link Schedulers#boundedElastic()}); it may block. */
	public ConfigSource withReader(Scheduler scheduler) {
		return new ConfigSource(file, loader, pollInterval, debounce, watch, triggers, timer, scheduler);
	}

	/** Every valid version: the current one first (when valid), then each valid change. Invalid ones are skipped. */
	public Flux<LoggingConfig> configs() {
		return updates(null).filter(ConfigUpdate::isValid).map(ConfigUpdate::config);
	}

	/** Every version, valid or not: the current one first, then each change of content. */
	public Flux<ConfigUpdate> updates() {
		return updates(null);
	}

	/**
	 * The versions after {@code current} (which was read from this file before): nothing while
	 * the content is the same, then each change, valid or not. A rejected version is emitted
	 * once, however often the file is looked at, until its content changes again.
	 */
	public Flux<ConfigUpdate> updatesAfter(LoggingConfig current) {
		return updates(Objects.requireNonNull(current, "current"));
	}

	private Flux<ConfigUpdate> updates(LoggingConfig current) {
		return Flux.defer(() -> {
			Scheduler t = timer != null ? timer : Schedulers.parallel();
			Scheduler r = reader != null ? reader : Schedulers.boundedElastic();
			AtomicReference<String> lastHash = new AtomicReference<>(current != null ? current.contentHash() : null);
			Set<HandlerIdentity> probed = new HashSet<>();
			if (current != null) {
				current.handlers().values().forEach(h -> probed.add(h.identity()));
			}
			Flux<Object> signals = Flux.merge(
					watch ? FileWatch.changes(file).subscribeOn(r) : Flux.empty(),
					Flux.interval(pollInterval, pollInterval, t),
					triggers).map(x -> (Object) x).onBackpressureLatest();
			Flux<Object> quiet = debounce.isZero() ? signals
					: signals.sampleTimeout(x -> Mono.delay(debounce, t)).onBackpressureLatest();
			return quiet.startWith(INITIAL)
					.concatMap(x -> Mono.fromCallable(() -> look(lastHash, probed)).subscribeOn(r), 1)
					.filter(u -> u != NOTHING);
		});
	}

	private static final ConfigUpdate NOTHING = ConfigUpdate.valid(new LoggingConfig("", "", 1, false, false,
			java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), null, java.util.Map.of()));

	/** Reads the file; NOTHING when its content is what was seen last. Blocking. */
	private ConfigUpdate look(AtomicReference<String> lastHash, Set<HandlerIdentity> probed) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (NoSuchFileException e) {
			return changed(lastHash, MISSING) ? invalid("expected a config file, found no file " + file.toAbsolutePath())
					: NOTHING;
		}
		catch (IOException e) {
			return changed(lastHash, "unreadable:" + e) ? invalid("expected a readable config file, found an error: " + e)
					: NOTHING;
		}
		String hash = ConfigLoader.sha256(bytes);
		if (!changed(lastHash, hash)) {
			return NOTHING;
		}
		Path dir = file.toAbsolutePath().getParent();
		try {
			LoggingConfig config = loader.parse(bytes, file.toString(), dir, probed);
			probed.clear();
			config.handlers().values().forEach(h -> probed.add(h.identity()));
			return ConfigUpdate.valid(config);
		}
		catch (InvalidConfigException e) {
			return ConfigUpdate.invalid(e);
		}
	}

	private static boolean changed(AtomicReference<String> lastHash, String hash) {
		return !hash.equals(lastHash.getAndSet(hash));
	}

	private ConfigUpdate invalid(String message) {
		return ConfigUpdate.invalid(new InvalidConfigException(new ConfigProblem(file + ":/", message)));
	}

	@Override
	public String toString() {
		return "ConfigSource{" + file + ", poll=" + pollInterval + ", debounce=" + debounce + (watch ? ", watch" : "")
				+ '}';
	}
}
