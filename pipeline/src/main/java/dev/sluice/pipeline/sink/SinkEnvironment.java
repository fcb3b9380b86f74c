package dev.sluice.pipeline.sink;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

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

	public SinkEnvironment(Clock clock, StatusLogger status, Path baseDirectory, MeterRegistry meterRegistry) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.status = Objects.requireNonNull(status, "status");
		this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory");
		this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
	}

	/** System clock, stderr status, the working directory, a private registry. */
	public static SinkEnvironment defaults() {
		return new SinkEnvironment(Clock.systemDefaultZone(), StatusLogger.stderr(), Path.of("").toAbsolutePath(),
				new SimpleMeterRegistry());
	}

	public Clock clock() {
		return clock;
	}

	public StatusLogger status() {
		return status;
	}

	public Path baseDirectory() {
		return baseDirectory;
	}

	public MeterRegistry meterRegistry() {
		return meterRegistry;
	}

	/** A path from a config, resolved against the base directory when relative. */
	public Path resolve(String path) {
		return baseDirectory.resolve(path);
	}

	public SinkEnvironment withClock(Clock newClock) {
		return new SinkEnvironment(newClock, status, baseDirectory, meterRegistry);
	}

	public SinkEnvironment withBaseDirectory(Path dir) {
		return new SinkEnvironment(clock, status, dir, meterRegistry);
	}

	public SinkEnvironment withMeterRegistry(MeterRegistry registry) {
		return new SinkEnvironment(clock, status, baseDirectory, registry);
	}
}
