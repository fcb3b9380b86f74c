package dev.sluice.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import dev.sluice.pipeline.sink.StatusLogger;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The settings of {@link Sluice.Builder} and their defaults, kept apart so that {@code Sluice}
 * reads as the pipeline it runs. Not a type of its own for users: its methods are the builder's.
 * Not thread-safe.
 */
abstract class BuilderSettings {

	Clock clock = Clock.systemUTC();
	StatusLogger status = StatusLogger.stderr();
	MeterRegistry meterRegistry;
	Path baseDirectory = Path.of("").toAbsolutePath();
	int ingressCapacity = 1 << 18;
	IngressFullPolicy ingressFullPolicy = IngressFullPolicy.DEFAULT;
	boolean shutdownHook = true;
	Duration shutdownHookTimeout = Duration.ofSeconds(10);
	Duration dropSummaryInterval = Duration.ofSeconds(5);
	Duration linger = Duration.ofMillis(50);
	RoutingPlan plan = RoutingPlan.DEFAULT;

	BuilderSettings() {
	}

	/**
	 * The clock records are stamped with (default: the system clock, UTC).
	 *
	 * @param clock the clock
	 * @return this builder
	 */
	public Sluice.Builder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		return (Sluice.Builder) this;
	}

	/**
	 * Where Sluice's own diagnostics go (default: stderr).
	 *
	 * @param status where diagnostics go
	 * @return this builder
	 */
	public Sluice.Builder status(StatusLogger status) {
		this.status = Objects.requireNonNull(status, "status");
		return (Sluice.Builder) this;
	}

	/**
	 * The registry meters are registered in (default: a private SimpleMeterRegistry).
	 *
	 * @param registry the registry the pipeline's and the sinks' meters go to
	 * @return this builder
	 */
	public Sluice.Builder meterRegistry(MeterRegistry registry) {
		this.meterRegistry = Objects.requireNonNull(registry, "registry");
		return (Sluice.Builder) this;
	}

	/**
	 * The directory relative file names resolve against (default: the working directory).
	 *
	 * @param dir the base directory
	 * @return this builder
	 */
	public Sluice.Builder baseDirectory(Path dir) {
		this.baseDirectory = dir.toAbsolutePath();
		return (Sluice.Builder) this;
	}

	/**
	 * Capacity of the ingress queue, rounded up to a power of two (default 262,144).
	 *
	 * @param capacity records the ingress holds at most
	 * @return this builder
	 */
	public Sluice.Builder ingressCapacity(int capacity) {
		if (capacity < 2) {
			throw new IllegalArgumentException("ingress capacity must be at least 2, was " + capacity);
		}
		this.ingressCapacity = capacity;
		return (Sluice.Builder) this;
	}

	/**
	 * What a call does when the ingress is full (default {@link IngressFullPolicy#DEFAULT}:
	 * callers off Reactor's non-blocking threads wait up to 5 s for room, then drop and count;
	 * callers on them never wait). Changed at run time by a configuration's {@code sluice}
	 * section ({@link RoutingPlan#ingressFullPolicy()}).
	 *
	 * @param policy what a call does when the ingress is full
	 * @return this builder
	 */
	public Sluice.Builder ingressFullPolicy(IngressFullPolicy policy) {
		this.ingressFullPolicy = Objects.requireNonNull(policy, "policy");
		return (Sluice.Builder) this;
	}

	/**
	 * Shorthand for {@code ingressFullPolicy(IngressFullPolicy.waitForRoom(max))}: how long a
	 * caller that may block waits for room; zero: callers never wait.
	 *
	 * @param max how long a caller that may block waits at most for room
	 * @return this builder
	 */
	public Sluice.Builder callerWait(Duration max) {
		Objects.requireNonNull(max, "max");
		if (max.isNegative()) {
			throw new IllegalArgumentException("callerWait must not be negative, was " + max);
		}
		return ingressFullPolicy(IngressFullPolicy.waitForRoom(max));
	}

	/**
	 * Whether a JVM shutdown hook drains the pipeline (default true, 10 s).
	 *
	 * @param enabled whether the hook is registered
	 * @return this builder
	 */
	public Sluice.Builder shutdownHook(boolean enabled) {
		this.shutdownHook = enabled;
		return (Sluice.Builder) this;
	}

	/**
	 * How long the JVM shutdown hook's drain may take (default 10 s).
	 *
	 * @param timeout how long the hook waits at most
	 * @return this builder
	 */
	public Sluice.Builder shutdownHookTimeout(Duration timeout) {
		this.shutdownHookTimeout = Objects.requireNonNull(timeout, "timeout");
		return (Sluice.Builder) this;
	}

	/**
	 * How long the router may hold records that come a few milliseconds apart (about 30 to
	 * 1,000 a second) to hand them on together (default 50 ms): at such rates each sink's
	 * thread then wakes and writes once per linger instead of once per record, which is most of
	 * the pipeline's CPU there. Records of level ERROR and above, a burst, a flush and shutdown are never
	 * held; at lower rates nothing is held, at higher rates records come in batches anyway.
	 * Zero: records are handed on as soon as they come.
	 *
	 * @param linger the longest hold; zero turns lingering off
	 * @return this builder
	 */
	public Sluice.Builder linger(Duration linger) {
		Objects.requireNonNull(linger, "linger");
		if (linger.isNegative() || linger.compareTo(Duration.ofSeconds(1)) > 0) {
			throw new IllegalArgumentException("linger must be from 0 to 1 s, was " + linger);
		}
		this.linger = linger;
		return (Sluice.Builder) this;
	}

	/**
	 * How often a drop summary may be printed (default 5 s).
	 *
	 * @param interval the shortest time between two drop summaries
	 * @return this builder
	 */
	public Sluice.Builder dropSummaryInterval(Duration interval) {
		this.dropSummaryInterval = Objects.requireNonNull(interval, "interval");
		return (Sluice.Builder) this;
	}

	/**
	 * The plan to start with (default: Python's, root at WARNING, no handlers).
	 *
	 * @param plan the first plan
	 * @return this builder
	 */
	public Sluice.Builder plan(RoutingPlan plan) {
		this.plan = Objects.requireNonNull(plan, "plan");
		return (Sluice.Builder) this;
	}
}
