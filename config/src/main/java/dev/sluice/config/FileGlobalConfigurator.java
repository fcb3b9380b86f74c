package dev.sluice.config;

import java.nio.file.Path;
import java.util.function.Function;

import dev.sluice.pipeline.GlobalConfigurator;
import dev.sluice.pipeline.Sluice;

/**
 * Configures the JVM-wide pipeline ({@link Sluice#global()}) from the dictConfig file named by
 * the {@code sluice.config} system property or, when that is not set, the {@code SLUICE_CONFIG}
 * environment variable, and follows the file's changes ({@link ConfigSource} defaults). Without
 * either it does nothing. An invalid file throws {@link dev.sluice.pipeline.sink.options.InvalidConfigException},
 * which the global pipeline reports while it keeps Python's defaults. Registered with
 * {@link java.util.ServiceLoader}; blocks while the file is read and the sinks are made.
 */
public final class FileGlobalConfigurator implements GlobalConfigurator {

	/** The system property naming the file. */
	public static final String PROPERTY = "sluice.config";
	/** The environment variable naming the file when the property is not set. */
	public static final String VARIABLE = "SLUICE_CONFIG";

	private final Function<String, String> properties;
	private final Function<String, String> environment;

	/** Reads {@link System#getProperty} and {@link System#getenv}. */
	public FileGlobalConfigurator() {
		this(System::getProperty, System::getenv);
	}

	FileGlobalConfigurator(Function<String, String> properties, Function<String, String> environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public boolean configure(Sluice global) {
		String name = properties.apply(PROPERTY);
		if (name == null || name.isBlank()) {
			name = environment.apply(VARIABLE);
		}
		if (name == null || name.isBlank()) {
			return false;
		}
		ConfigSource source = ConfigSource.of(Path.of(name.trim()));
		LoggingConfig config = source.loader().read(source.file());
		// applyNow, not apply(..).block(): this runs while classes are initialized (Reactor's
		// Hooks logs through SLF4J), and a scheduler thread needing such a class would deadlock
		global.applyNow(source.loader().plan(config, global.environment(), global.plan()));
		ConfigReloader.follow(global, source, config);
		return true;
	}
}
