package dev.sluice.spring;

import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Tells {@link SluiceLoggingSystem} that the application failed to start, before Boot's logging
 * listener cleans the logging system up: Boot reports the failure ("APPLICATION FAILED TO START",
 * the cause, the action) only after that clean-up, and those lines must still go through the
 * configured handlers. Registered in {@code META-INF/spring.factories}; stateless.
 */
public final class FailedStartListener implements ApplicationListener<ApplicationFailedEvent>, Ordered {

	@Override
	public void onApplicationEvent(ApplicationFailedEvent event) {
		SluiceLoggingSystem.startFailed();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE; // before LoggingApplicationListener (HIGHEST_PRECEDENCE + 20)
	}
}
