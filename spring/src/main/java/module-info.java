/**
 * Spring Boot's {@code LoggingSystem} on Sluice, a unit of work per request, OperationId forwarding,
 * and metrics. Open: Spring reads its configuration classes reflectively.
 */
open module dev.sluice.spring {
	requires dev.sluice.pipeline;
	requires dev.sluice.layouts;
	requires dev.sluice.config;
	requires static dev.sluice.events;
	requires micrometer.observation;
	requires static micrometer.tracing;
	requires org.slf4j;
	requires spring.beans;
	requires spring.boot;
	requires spring.boot.autoconfigure;
	requires spring.context;
	requires spring.core;
	requires spring.web;
	requires static spring.webflux;
	requires static spring.security.core;

	exports dev.sluice.spring;
}
