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
				"SLF4J is bound to " + factory.getClass().getName() + origin(factory.getClass()) + ", not to Sluice:"
						+ " libraries' logging bypasses Sluice. Exclude org.springframework.boot:spring-boot-starter-logging"
						+ " from every starter that brings it (mvn dependency:tree -Dincludes=ch.qos.logback shows which)"
						+ " (or run with -Dslf4j.provider=dev.sluice.slf4j.SluiceServiceProvider)", null);
		return false;
	}

	/** " (from logback-classic-1.5.20.jar)": the jar the class came from, when known. */
	static String origin(Class<?> type) {
		try {
			java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
			if (source == null || source.getLocation() == null) {
				return "";
			}
			String path = source.getLocation().getPath();
			if (path.endsWith("!/")) {
				path = path.substring(0, path.length() - 2); // nested in a packaged jar
			}
			int slash = path.lastIndexOf('/', path.length() - 2);
			return " (from " + path.substring(slash + 1).replace("/", "") + ")";
		}
		catch (RuntimeException e) {
			return "";
		}
	}
}
