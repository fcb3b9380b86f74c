package dev.sluice.spring;

import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Makes {@link SluiceLoggingSystem} Spring Boot's logging system whenever the starter is on the
 * class path. Registered in {@code META-INF/spring.factories} and ordered ahead of Boot's own
 * factories (Logback's, Log4j2's and java.util.logging's are at the lowest precedence), so that
 * it wins even when Logback is still present. To opt out, set the system property
 * {@code org.springframework.boot.logging.LoggingSystem} to another system's class name.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public final class SluiceLoggingSystemFactory implements LoggingSystemFactory {

	@Override
	public LoggingSystem getLoggingSystem(ClassLoader classLoader) {
		return new SluiceLoggingSystem();
	}
}
