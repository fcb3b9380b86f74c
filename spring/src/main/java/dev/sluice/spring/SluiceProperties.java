package dev.sluice.spring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code sluice.*}. {@code sluice.config}, {@code sluice.shutdown-timeout} and
 * {@code sluice.console.*} are read by {@link SluiceLoggingSystem} before the context exists; they
 * are listed here so that IDEs and {@code /actuator/configprops} know them.
 *
 * @param config             a dictConfig JSON or YAML file (path, {@code file:} or {@code classpath:})
 * @param shutdownTimeout    how long closing the context waits for sinks to drain
 * @param contextPropagation whether to turn on Reactor's automatic context propagation, so that
 *                           SLF4J callers inside a Reactor chain see the chain's attributes
 * @param web                the WebFlux unit-of-work filter
 */
@ConfigurationProperties("sluice")
public record SluiceProperties(String config, @DefaultValue("10s") Duration shutdownTimeout,
		@DefaultValue("true") boolean contextPropagation, @DefaultValue Web web) {

	/**
	 * @param enabled   whether each request is a unit of work
	 * @param accessLog whether each request writes one record to {@code sluice.access}
	 * @param order     the filter's order (default: right after Spring Security's chain)
	 */
	public record Web(@DefaultValue("true") boolean enabled, @DefaultValue("true") boolean accessLog,
			@DefaultValue("" + UnitOfWorkWebFilter.DEFAULT_ORDER) int order) {
	}
}
