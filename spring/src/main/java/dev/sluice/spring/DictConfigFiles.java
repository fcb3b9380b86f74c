package dev.sluice.spring;

import java.io.FileNotFoundException;
import java.nio.file.Path;

import org.springframework.util.ResourceUtils;

import dev.sluice.config.ConfigReloader;
import dev.sluice.config.ConfigSource;
import dev.sluice.config.LoggingConfig;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.InvalidConfigException;

/**
 * Loads a dictConfig file into the pipeline through the config module and follows its changes
 * ({@link ConfigSource}: file watch, poll, hash, debounce): a valid new version is applied, an
 * invalid one is reported on the {@code sluice.config} logger and the running one stays.
 */
final class DictConfigFiles {

	private DictConfigFiles() {
	}

	/**
	 * Applies {@code location} (a path, a {@code file:} URL, or a {@code classpath:} resource that
	 * is a plain file) to {@code sluice} and returns what stops following it. Blocks.
	 *
	 * @throws InvalidConfigException   listing every problem of the file
	 * @throws IllegalArgumentException when the location names no readable file
	 */
	static AutoCloseable load(Sluice sluice, String location) {
		Path file = resolve(location);
		ConfigSource source = ConfigSource.of(file);
		LoggingConfig config = source.loader().read(file);
		sluice.apply(source.loader().plan(config, sluice.environment(), sluice.plan())).block();
		ConfigReloader reloader = ConfigReloader.follow(sluice, source, config);
		return reloader::dispose;
	}

	static Path resolve(String location) {
		Path file;
		try {
			file = ResourceUtils.getFile(location).toPath().toAbsolutePath();
		}
		catch (FileNotFoundException e) {
			throw new IllegalArgumentException(SluiceLoggingSystem.CONFIG_PROPERTY + ": '" + location
					+ "' is not a file Sluice can read and watch (" + e.getMessage() + ")", e);
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException(SluiceLoggingSystem.CONFIG_PROPERTY + ": '" + location
					+ "' is not a valid location (" + e.getMessage() + ")", e);
		}
		if (!java.nio.file.Files.isRegularFile(file)) {
			throw new IllegalArgumentException(SluiceLoggingSystem.CONFIG_PROPERTY + ": '" + location
					+ "' names no readable file (looked at " + file + ")");
		}
		return file;
	}
}
