package dev.sluice.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

import dev.sluice.pipeline.Sluice;
import io.micrometer.core.instrument.binder.MeterBinder;
import reactor.core.publisher.Hooks;

/**
 * Sluice in a Spring Boot application: the pipeline as a bean, its meters in the application's
 * registry, Reactor's automatic context propagation, and (in a reactive web application) the
 * {@link UnitOfWorkWebFilter}. The logging system itself comes earlier, through
 * {@link SluiceLoggingSystemFactory}.
 */
@AutoConfiguration
@EnableConfigurationProperties(SluiceProperties.class)
public class SluiceAutoConfiguration {

	/**
	 * The JVM-wide pipeline. Its life is the logging system's (drained when the context closes,
	 * by {@link SluiceLoggingSystem#cleanUp()}), so the bean has no destroy method of its own.
	 */
	@Bean(destroyMethod = "")
	@ConditionalOnMissingBean
	public Sluice sluice() {
		return Sluice.global();
	}

	@Bean
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnMissingBean
	public SluiceMeterBinder sluiceMeterBinder(Sluice sluice) {
		return new SluiceMeterBinder(sluice);
	}

	/** Turns on Reactor's automatic context propagation unless {@code sluice.context-propagation=false}. */
	@Bean
	@ConditionalOnProperty(prefix = "sluice", name = "context-propagation", matchIfMissing = true)
	public ContextPropagation sluiceContextPropagation() {
		Hooks.enableAutomaticContextPropagation();
		return new ContextPropagation();
	}

	/** Marks that Sluice turned on Reactor's automatic context propagation. */
	public static final class ContextPropagation {
		ContextPropagation() {
		}
	}

	/**
	 * Every {@code WebClient.Builder} bean forwards the current unit of work's OperationId
	 * ({@code X-Request-Id}) and trace ids ({@code traceparent}): {@link OperationIdForwarding}.
	 * {@code sluice.web.forward-operation=false} turns it off.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.reactive.function.client.WebClient")
	@ConditionalOnProperty(prefix = "sluice.web", name = "forward-operation", matchIfMissing = true)
	static class WebClientForwarding {

		@Bean
		static org.springframework.beans.factory.config.BeanPostProcessor sluiceWebClientForwarding() {
			return new org.springframework.beans.factory.config.BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (bean instanceof org.springframework.web.reactive.function.client.WebClient.Builder) {
						((org.springframework.web.reactive.function.client.WebClient.Builder) bean)
								.filter(OperationIdForwarding.filter());
					}
					return bean;
				}
			};
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(WebFilter.class)
	@ConditionalOnProperty(prefix = "sluice.web", name = "enabled", matchIfMissing = true)
	static class WebUnitOfWork {

		/** WebFlux's exception handlers (Spring's own error line among them) run inside the request's unit of work. */
		@Bean
		static org.springframework.beans.factory.config.BeanPostProcessor sluiceUnitOfWorkExceptionHandlers() {
			return new UnitOfWorkExceptionHandlers();
		}

		@Bean
		@ConditionalOnMissingBean
		OperationWebFilter sluiceOperationWebFilter() {
			return new OperationWebFilter(OperationWebFilter.DEFAULT_ORDER);
		}

		@Bean
		@ConditionalOnMissingBean
		UnitOfWorkWebFilter sluiceUnitOfWorkWebFilter(Sluice sluice, SluiceProperties properties) {
			SluiceProperties.Web web = properties.web();
			return new UnitOfWorkWebFilter(sluice, web.accessLog(), web.order());
		}
	}
}
