package dev.sluice.slf4j;

import reactor.core.publisher.Hooks;

/**
 * A main whose first act is touching Reactor's {@code Hooks}: Reactor's class initialization logs
 * through SLF4J, so Sluice's global pipeline is built while {@code Hooks} is being initialized.
 * Run in its own JVM by {@link StartupDeadlockTest}.
 */
public final class HooksFirstMain {

	private HooksFirstMain() {
	}

	public static void main(String[] args) {
		Hooks.enableAutomaticContextPropagation();
		org.slf4j.LoggerFactory.getLogger("startup").warn("started after Hooks");
		System.out.println("MAIN-DONE");
	}
}
