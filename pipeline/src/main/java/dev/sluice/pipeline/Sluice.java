package dev.sluice.pipeline;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.pipeline.engine.Engine;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.StatusLogger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A running logging pipeline: loggers, the non-blocking ingress, the router and one runner per
 * sink.
 *
 * <pre>{@code
 * Sluice sluice = Sluice.builder().plan(plan).build();
 * Logger log = sluice.logger("jibe.provider.sync");
 * log.warn("Providers Sync Delayed: {}", delayed);
 * ...
 * ShutdownReport report = sluice.shutdown(Duration.ofSeconds(10)).block();
 * }</pre>
 *
 * <p>Threading: loggers may be used from any thread, including Reactor's non-blocking ones. The
 * pipeline runs one ingress/router thread and one thread per sink, all plain daemon threads.
 * {@link #apply} and {@link #shutdown} return Monos that do their (possibly blocking) work off
 * Reactor's non-blocking threads.
 *
 * <p>Lifecycle: built running. {@link #shutdown(Duration)} (or {@link #close()}, or the JVM
 * shutdown hook registered by default) stops accepting records, drains every sink until the
 * deadline and reports what was delivered and dropped. Records logged after shutdown began are
 * written to the status logger (stderr) and counted as dropped ({@code after_shutdown}).
 */
public final class Sluice implements AutoCloseable {

	private static final int RUNNING = 0;
	private static final int STOPPING = 1;

	private final LoggerRegistry registry;
	private final Engine engine;
	private final SinkEnvironment environment;
	private final StatusLogger status;
	private final AtomicInteger state = new AtomicInteger(RUNNING);
	private final ShutdownControl shutdownControl;

	private Sluice(Builder b) {
		this.status = b.status;
		this.engine = new Engine(b.clock, b.status, b.meterRegistry, b.ingressCapacity,
				b.ingressFullPolicy.maxWait().toNanos(), b.dropSummaryInterval.toNanos(), b.linger.toNanos());
		this.environment = new SinkEnvironment(b.clock, b.status, b.baseDirectory, b.meterRegistry, engine::handoff);
		this.registry = new LoggerRegistry(engine, b.status);
		engine.start(registry, () -> state.get() == RUNNING);
		// On this thread, without a Reactor scheduler: the first Sluice is often built from inside
		// a class initializer (Reactor's Loggers logs through SLF4J while Hooks initializes), and a
		// scheduler thread that needs that class would wait for this one while this one waited for it.
		applyNow(b.plan);
		this.shutdownControl = new ShutdownControl(this::stop, b.shutdownHook ? b.shutdownHookTimeout : null);
	}

	/** {@return a builder with the defaults: system clock, stderr status logger, console plan} */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The JVM-wide pipeline that libraries (the SLF4J provider, Spring Boot) log into, made on
	 * first use and configured by the first {@link GlobalConfigurator} that has a configuration.
	 * Reconfigure it with {@link #apply}: loggers already handed out stay valid, as in Python.
	 *
	 * @return the JVM-wide pipeline that libraries (the SLF4J provider, Spring Boot) log into
	 */
	public static Sluice global() {
		return GlobalSluice.INSTANCE;
	}

	/**
	 * The logger called {@code name} ("" or "root": the root logger).
	 *
	 * @param name the logger's dotted name
	 * @return the logger called {@code name} ("" or "root": the root logger)
	 */
	public Logger logger(String name) {
		return registry.get(name);
	}

	/**
	 * The logger named after {@code type}'s fully qualified name.
	 *
	 * @param type the class whose name the logger takes
	 * @return the logger named after {@code type}'s fully qualified name
	 */
	public Logger logger(Class<?> type) {
		return registry.get(type.getName());
	}

	/** {@return the root logger} */
	public Logger root() {
		return registry.root();
	}

	/**
	 * The names of the loggers made so far ({@code "root"} included), for tools that list
	 * loggers (Spring Boot's {@code /actuator/loggers}). A snapshot; thread-safe, non-blocking.
	 *
	 * @return the names of the loggers made so far ({@code "root"} included)
	 */
	public java.util.Set<String> loggerNames() {
		return registry.names();
	}

	/** {@return the plan loggers follow now} */
	public RoutingPlan plan() {
		return registry.plan();
	}

	/** {@return the environment of sinks made for this pipeline: clock, status logger, base directory, meter registry} */
	public SinkEnvironment environment() {
		return environment;
	}

	/**
	 * Switches to {@code plan}. Sinks of handlers whose name and identity are unchanged keep
	 * running; new sinks are made (on a boundedElastic thread, as making one may open a file) and
	 * started before the switch; the rest drain and close after it. If making a sink fails, the
	 * running plan stays in force and the Mono errors. Records logged before this call follow the
	 * running plan (the router switches after routing them); the Mono completes once the router has
	 * switched: records logged after that follow the new plan.
	 *
	 * @param plan the plan to switch to
	 * @return a {@code Mono} that completes when the plan is in force, or errors (the running plan staying in
	 *     force) when a sink cannot be made
	 */
	public Mono<Void> apply(RoutingPlan plan) {
		Objects.requireNonNull(plan, "plan");
		return Mono.fromCallable(() -> engine.switchTo(plan, true))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap(Mono::fromFuture);
	}

	/**
	 * Switches to {@code plan} on the calling thread, without any Reactor scheduler: the new sinks
	 * are made and started here, and the switch is queued ahead of every record logged after this
	 * returns, so those records follow the new plan (the router takes the switch before its next
	 * batch; this does not wait for the router). For code that runs while classes are being
	 * initialized (the global pipeline's {@link GlobalConfigurator}s), where waiting for another
	 * thread could deadlock. Blocks while sinks are made (they may open files): not on a Reactor
	 * non-blocking thread. If making a sink fails, the running plan stays and the exception is
	 * thrown.
	 *
	 * @param plan the plan to switch to
	 * @throws IllegalStateException if the pipeline is shut down
	 */
	public void applyNow(RoutingPlan plan) {
		engine.switchTo(Objects.requireNonNull(plan, "plan"), false);
	}

	/**
	 * Follows a stream of plans (such as a config file's), applying each in turn. A plan that
	 * fails to apply is reported on the status logger and the running one stays; the stream goes
	 * on. Cancel the returned subscription to stop following.
	 *
	 * @param plans the plans, in order
	 * @return what stops following (disposing it leaves the plan in force as it is)
	 */
	public reactor.core.Disposable follow(Flux<RoutingPlan> plans) {
		return plans.concatMap(p -> apply(p).onErrorResume(e -> {
			status.error("config", "new configuration not applied; the running one stays", e);
			return Mono.empty();
		})).subscribe();
	}

	/**
	 * Sets the level of one logger at run time (null: inherit).
	 *
	 * @param loggerName the logger's dotted name
	 * @param level the level, or null to inherit the parent's
	 */
	public void setLevel(String loggerName, Level level) {
		engine.setLevel(loggerName, level);
	}

	/** {@return the accounting of every sink so far (a snapshot)} */
	public Map<String, SinkReport> reports() {
		return engine.reports();
	}

	/** {@return the records dropped before routing so far, counted by reason} */
	public Map<String, Long> ingressDropped() {
		return engine.ingressDropped();
	}

	/** {@return the number of records routed so far} */
	public long accepted() {
		return engine.accepted();
	}

	/**
	 * A barrier: completes when every record logged before this call is settled in every sink it
	 * was routed to: delivered, filtered, counted as dropped, or handed to a fallback handler and
	 * settled there (one level of fallback, as configurations have). Records logged meanwhile may
	 * be waited for too. Used by shippers that must not acknowledge their input (commit a Kafka
	 * offset) before the pipeline has dealt with it. The batches it waits for are marked
	 * {@link dev.sluice.pipeline.sink.Batch#markUrgent() urgent}, so that a sink that delays a
	 * write on purpose (Slack's burst grouping) ends the delay instead of making the barrier wait.
	 *
	 * <p>Non-blocking: the returned {@code Mono} watches the pipeline's counters every millisecond
	 * on Reactor's parallel scheduler. It never errors; it does not complete while a sink is stuck
	 * (a hung remote service), so callers add their own {@code timeout}. After {@link #shutdown}
	 * it completes once the drained sinks are settled.
	 *
	 * @return a {@code Mono} that completes when every record logged before the call is settled
	 */
	public Mono<Void> flush() {
		return engine.flush();
	}

	// ---- lifecycle -------------------------------------------------------------------------------

	/**
	 * Stops accepting records, drains every sink, closes them, and reports. The deadline counts
	 * from each sink's last progress, not from the start: a sink is waited for as long as it
	 * settles records (a slow disk, an event store catching up), and given up on once it settled
	 * nothing for {@code deadline}; what it still holds then is counted as dropped
	 * ({@code shutdown_deadline}). Idempotent: later calls return the same report.
	 *
	 * @param deadline how long a sink may go without progress before what it holds is counted as dropped
	 *     ({@code shutdown_deadline})
	 * @return a {@code Mono} of the final accounting
	 */
	public Mono<ShutdownReport> shutdown(Duration deadline) {
		Objects.requireNonNull(deadline, "deadline");
		return shutdownControl.shutdown(deadline);
	}

	/**
	 * Hands this pipeline's shutdown to its owner: removes the JVM shutdown hook the pipeline
	 * registered ({@link Builder#shutdownHook}), which would otherwise stop it at exit concurrently
	 * with the owner's own exit work (Spring Boot's hook closes the application context, which
	 * still logs). The owner must then call {@link #shutdown} itself after its last records, for
	 * instance from its own shutdown hook. Returns whether a hook was removed: false if there was
	 * none, it was disowned before, or the JVM is already exiting (then the hook runs as usual).
	 * Thread-safe, non-blocking.
	 *
	 * @return {@code true} if a hook was registered and is now removed
	 */
	public boolean disownShutdownHook() {
		return shutdownControl.disownHook();
	}

	/** {@return whether the pipeline still accepts records: false once a shutdown has started} Non-blocking. */
	public boolean isRunning() {
		return state.get() == RUNNING;
	}

	private ShutdownReport stop(Duration deadline) {
		state.set(STOPPING);
		boolean deadlineReached = engine.drain(deadline);
		shutdownControl.removeHookUnlessRunningIt();
		engine.summarizeDrops();
		return new ShutdownReport(reports(), engine.accepted(), ingressDropped(), deadlineReached);
	}

	/** Shuts down with a 10 s deadline and waits; do not call on a Reactor non-blocking thread. */
	@Override
	public void close() {
		shutdown(Duration.ofSeconds(10)).block();
	}

	/** Builds a {@link Sluice}; not thread-safe. */
	public static final class Builder extends BuilderSettings {

		private Builder() {
		}

		/** {@return the pipeline, started now} Blocks while the initial plan's sinks are made. */
		public Sluice build() {
			if (meterRegistry == null) {
				meterRegistry = new SimpleMeterRegistry();
			}
			return new Sluice(this);
		}
	}
}
