package dev.sluice.pipeline;

/**
 * Configures the JVM-wide pipeline ({@link Sluice#global()}) when it is first used, for
 * libraries that reach Sluice without code of the application's (the SLF4J provider, Spring
 * Boot). Found with {@link java.util.ServiceLoader}; the config module provides one that reads
 * the file named by the {@code sluice.config} system property or the {@code SLUICE_CONFIG}
 * environment variable. Without any, the global pipeline runs Python's defaults (WARNING and
 * above to stderr).
 */
public interface GlobalConfigurator {

	/**
	 * Applies a configuration to {@code global} if this configurator has one; returns whether it
	 * did. Called once, on the thread that first asks for the global pipeline; may block (it
	 * reads files), so the first use should not be on a Reactor non-blocking thread.
	 *
	 * @param global the JVM-wide pipeline to configure
	 * @return {@code true} if this configurator applied a configuration
	 */
	boolean configure(Sluice global);
}
