package dev.sluice.spring;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import dev.sluice.pipeline.Sluice;

/**
 * Checks that SLF4J is bound to Sluice's provider. When Logback (Boot's
 * {@code spring-boot-starter-logging}) is still on the class path, SLF4J may pick it, and then
 * every library's logging bypasses Sluice: say so once, loudly, with the fix.
 */
final class Slf4jBinding {

	private Slf4jBinding() {
	}

	static boolean check(Sluice sluice) {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory.getClass().getName().startsWith("dev.sluice.")) {
			return true;
		}
		sluice.environment().status().once("spring:slf4j", "spring",
				"SLF4J is bound to " + factory.getClass().getName() + ", not to Sluice: libraries' logging bypasses "
						+ "Sluice. Exclude org.springframework.boot:spring-boot-starter-logging from your starters "
						+ "(or run with -Dslf4j.provider=dev.sluice.slf4j.SluiceServiceProvider)", null);
		return false;
	}
}
