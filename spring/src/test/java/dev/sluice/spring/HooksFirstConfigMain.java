package dev.sluice.spring;

import java.nio.file.Path;

import reactor.core.publisher.Hooks;

/**
 * A main whose first act is touching Reactor's {@code Hooks} while {@code sluice.config} names a
 * file: the global pipeline is built, and the file configurator applies the file, inside
 * {@code Hooks}' class initialization. Run in its own JVM by {@link StartupDeadlockWithConfigTest}.
 */
public final class HooksFirstConfigMain {

	private HooksFirstConfigMain() {
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[0]).toAbsolutePath();
		Path config = PlainFileConfig.write(dir, false);
		System.setProperty("sluice.config", config.toString());
		Hooks.enableAutomaticContextPropagation();
		org.slf4j.LoggerFactory.getLogger("startup").info("started after Hooks");
		System.out.println("MAIN-DONE");
	}
}
