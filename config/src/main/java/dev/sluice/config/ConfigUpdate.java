package dev.sluice.config;

import java.util.Objects;

import dev.sluice.pipeline.sink.options.InvalidConfigException;

/**
 * One new version of a watched config file: either valid ({@link #config()} is set) or rejected
 * ({@link #error()} lists every problem). Immutable.
 */
public record ConfigUpdate(LoggingConfig config, InvalidConfigException error) {

	public ConfigUpdate {
		if ((config == null) == (error == null)) {
			throw new IllegalArgumentException("exactly one of config and error");
		}
	}

	static ConfigUpdate valid(LoggingConfig config) {
		return new ConfigUpdate(Objects.requireNonNull(config, "config"), null);
	}

	static ConfigUpdate invalid(InvalidConfigException error) {
		return new ConfigUpdate(null, Objects.requireNonNull(error, "error"));
	}

	public boolean isValid() {
		return config != null;
	}
}
