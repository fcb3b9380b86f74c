package dev.sluice.pipeline.sink;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.sluice.pipeline.LogRecord;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the pipeline gives every sink it creates: the clock (injectable, so that tests cross
 * midnight without waiting), the status logger, the directory that relative file names resolve
 * against (the working directory, as in Python), and the meter registry. Immutable.
 */
public final class SinkEnvironment {

	private final Clock clock;
	private final StatusLogger status;
	private final Path baseDirectory;
	private final MeterRegistry meterRegistry;
	private final Function<String, Consumer<List<LogRecord>>> handoff;

	/**
	 * An environment without fallback handoffs (sinks made outside a pipeline).
	 *
	 * @param clock the clock records and sinks read the time from
	 * @param status where sinks report their trouble
	 * @param baseDirectory the directory relative paths resolve against
	 * @param meterRegistry where sinks register their meters
	 */
	public SinkEnvironment(Clock clock, StatusLogger status, Path baseDirectory, MeterRegistry meterRegistry) {
		this(clock, status, baseDirectory, meterRegistry, SinkEnvironment::noHandoff);
	}

	/**
	 * @param handoff gives, for a handler name, where to hand records that a sink gives up on
	 *                (its {@code fallback}); see {@link #handoff(String)}
	 * @param clock the clock records and sinks read the time from
	 * @param status where sinks report their trouble
	 * @param baseDirectory the directory relative paths resolve against
	 * @param meterRegistry where sinks register their meters
	 */
	public SinkEnvironment(Clock clock, StatusLogger status, Path baseDirectory, MeterRegistry meterRegistry,
			Function<String, Consumer<List<LogRecord>>> handoff) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.status = Objects.requireNonNull(status, "status");
		this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
		this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
		this.handoff = Objects.requireNonNull(handoff, "handoff");
	}

	private static Consumer<List<LogRecord>> noHandoff(String handler) {
		throw new IllegalStateException("no pipeline to hand records to handler '" + handler + "'");
	}

	/** {@return an environment of defaults}: system clock, stderr status, the working directory, a private registry. */
	public static SinkEnvironment defaults() {
		return new SinkEnvironment(Clock.systemDefaultZone(), StatusLogger.stderr(), Path.of("").toAbsolutePath(),
				new SimpleMeterRegistry());
	}

	/** {@return the clock sinks read time from (injectable for tests)} */
	public Clock clock() {
		return clock;
	}

	/** {@return the status logger sinks report their own problems to} */
	public StatusLogger status() {
		return status;
	}

	/** {@return the directory relative file names are resolved against} */
	public Path baseDirectory() {
		return baseDirectory;
	}

	/** {@return the registry sinks register their meters in} */
	public MeterRegistry meterRegistry() {
		return meterRegistry;
	}

	/**
	 * Where to hand records that a sink could not deliver, for its {@code fallback} option: the
	 * returned consumer offers them to the buffer of handler {@code handlerName} as it is when
	 * called (so it follows reloads), where they are accounted like any other record of that
	 * handler. Non-blocking, thread-safe; records the handler's buffer cannot take are counted
	 * as dropped there. Resolve it once, when the sink is made.
	 *
	 * @param handlerName the name of the handler records are handed to
	 * @return where to hand records that a sink could not deliver, for its {@code fallback} option
	 */
	public Consumer<List<LogRecord>> handoff(String handlerName) {
		return handoff.apply(handlerName);
	}

	/**
	 * A path from a config, resolved against the base directory when relative.
	 *
	 * @param path a path as written in a config
	 * @return the path, against the base directory if it is relative
	 */
	public Path resolve(String path) {
		return baseDirectory.resolve(path);
	}

	/**
	 * This environment with another clock.
	 *
	 * @param newClock the clock
	 * @return this environment with another clock
	 */
	public SinkEnvironment withClock(Clock newClock) {
		return new SinkEnvironment(newClock, status, baseDirectory, meterRegistry, handoff);
	}

	/**
	 * This environment with another base directory.
	 *
	 * @param dir the base directory
	 * @return this environment with another base directory
	 */
	public SinkEnvironment withBaseDirectory(Path dir) {
		return new SinkEnvironment(clock, status, dir, meterRegistry, handoff);
	}

	/**
	 * This environment with another meter registry.
	 *
	 * @param registry the registry sinks register their meters in
	 * @return this environment with another meter registry
	 */
	public SinkEnvironment withMeterRegistry(MeterRegistry registry) {
		return new SinkEnvironment(clock, status, baseDirectory, registry, handoff);
	}
}
