package dev.sluice.config;

import java.nio.file.Path;
import java.util.List;

import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.options.ConfigProblem;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.SinkEnvironment;

/**
 * Sluice from a dictConfig file, in one call.
 *
 * <pre>{@code
 * Sluice sluice = SluiceConfig.start(Path.of("logging.json"));   // loads, starts, follows changes
 * RoutingPlan plan = SluiceConfig.load(Path.of("logging.json")); // or just the plan
 * List<ConfigProblem> problems = SluiceConfig.check(Path.of("logging.json"));
 * }</pre>
 *
 * <p>All methods block (file I/O, making sinks): call them off Reactor's non-blocking threads.
 */
public final class SluiceConfig {

	private SluiceConfig() {
	}

	/**
	 * Reads and validates {@code file} into the model.
	 *
	 * @throws InvalidConfigException listing every problem
	 */
	public static LoggingConfig read(Path file) {
		return ConfigLoader.defaults().read(file);
	}

	/**
	 * The routing plan of {@code file}, with sinks made in the default environment (the working
	 * directory for relative file names) when it is applied.
	 *
	 * @throws InvalidConfigException listing every problem
	 */
	public static RoutingPlan load(Path file) {
		ConfigLoader loader = ConfigLoader.defaults();
		return loader.plan(loader.read(file), SinkEnvironment.defaults());
	}

	/** Every problem of {@code file}; empty when it is valid. */
	public static List<ConfigProblem> check(Path file) {
		try {
			read(file);
			return List.of();
		}
		catch (InvalidConfigException e) {
			return e.problems();
		}
	}

	/** The plan of a config read before, with sinks made in {@code environment}. */
	public static RoutingPlan plan(LoggingConfig config, SinkEnvironment environment) {
		return ConfigLoader.defaults().plan(config, environment);
	}

	/**
	 * Starts a pipeline configured by {@code file} and follows the file's changes
	 * ({@link ConfigSource} defaults: file watch, a poll every 60 s): a valid new version is
	 * applied, an invalid one is reported once at WARNING on the {@code sluice.config} logger and
	 * the running config stays. Following stops when the pipeline shuts down.
	 *
	 * @throws InvalidConfigException listing every problem when the file is invalid now
	 */
	public static Sluice start(Path file) {
		return ConfigReloader.start(Sluice.builder(), ConfigSource.of(file)).sluice();
	}
}
