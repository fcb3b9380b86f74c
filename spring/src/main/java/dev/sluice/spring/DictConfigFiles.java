package dev.sluice.spring;

import java.io.FileNotFoundException;
import java.nio.file.Path;

import org.springframework.util.ResourceUtils;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.ConfigReloader;
import dev.sluice.config.ConfigSource;
import dev.sluice.config.LoggingConfig;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.options.InvalidConfigException;

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
		return load(sluice, location, SluiceLoggingSystem.CONFIG_PROPERTY);
	}

	/**
	 * As {@link #load(Sluice, String)}; {@code property} is the property that named the location
	 * ({@code sluice.config} or Boot's {@code logging.config}), for the messages. A plain file is
	 * followed for changes; a {@code classpath:} resource inside a jar (a packaged application) is
	 * read once. A line on the {@code sluice.config} logger says which.
	 */
	static AutoCloseable load(Sluice sluice, String location, String property) {
		if (location.startsWith(ResourceUtils.CLASSPATH_URL_PREFIX) && !isPlainFile(location)) {
			byte[] bytes = readResource(location, property);
			ConfigLoader loader = ConfigLoader.defaults();
			LoggingConfig config = loader.parse(bytes, location, Path.of("").toAbsolutePath());
			sluice.apply(loader.plan(config, sluice.environment(), sluice.plan())).block();
			sluice.logger(ConfigReloader.LOGGER).info("logging configured from {} ({}), read once: a resource inside"
					+ " a jar cannot be watched; name a file to have changes applied while running", location, property);
			return () -> { };
		}
		Path file = resolve(location, property);
		ConfigSource source = ConfigSource.of(file);
		LoggingConfig config = source.loader().read(file);
		sluice.apply(source.loader().plan(config, sluice.environment(), sluice.plan())).block();
		ConfigReloader reloader = ConfigReloader.follow(sluice, source, config);
		sluice.logger(ConfigReloader.LOGGER).info("logging configured from {} ({}), followed for changes", file, property);
		return reloader::dispose;
	}

	private static boolean isPlainFile(String location) {
		try {
			return "file".equals(ResourceUtils.getURL(location).getProtocol());
		}
		catch (FileNotFoundException e) {
			return false;
		}
	}

	private static byte[] readResource(String location, String property) {
		try (java.io.InputStream in = ResourceUtils.getURL(location).openStream()) {
			return in.readAllBytes();
		}
		catch (java.io.IOException e) {
			throw new IllegalArgumentException(property + ": '" + location + "' names no readable resource ("
					+ e.getMessage() + ")", e);
		}
	}

	static Path resolve(String location) {
		return resolve(location, SluiceLoggingSystem.CONFIG_PROPERTY);
	}

	static Path resolve(String location, String property) {
		Path file;
		try {
			file = ResourceUtils.getFile(location).toPath().toAbsolutePath();
		}
		catch (FileNotFoundException e) {
			throw new IllegalArgumentException(property + ": '" + location + "' names no readable file ("
					+ e.getMessage() + ")", e);
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException(property + ": '" + location + "' is not a valid location ("
					+ e.getMessage() + ")", e);
		}
		if (!java.nio.file.Files.isRegularFile(file)) {
			throw new IllegalArgumentException(property + ": '" + location + "' names no readable file (looked at "
					+ file + ")");
		}
		return file;
	}
}
