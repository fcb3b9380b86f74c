package dev.sluice.pipeline.sink;

import java.util.Set;

/**
 * Makes sinks from handler definitions. Providers are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.sluice.pipeline.sink.SinkProvider}), so the configuration
 * depends on no sink module: adding a sink's jar to the class path makes its class names usable.
 */
public interface SinkProvider {

	/**
	 * The handler {@code class} names this provider answers to: Python's names (such as
	 * {@code logging.StreamHandler}) and Sluice's short ones (such as {@code console}).
	 */
	Set<String> classNames();

	/**
	 * Validates the spec and makes the sink; nothing is opened or connected before every option
	 * is known to be valid.
	 *
	 * @throws InvalidConfigException listing every problem with the options
	 */
	Sink create(SinkSpec spec);
}
