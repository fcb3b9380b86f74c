package dev.sluice.examples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small WebFlux service that logs through Sluice as users would: SLF4J in the controllers,
 * Sluice's reactive logger in the chains, one unit of work per request, configured by
 * {@code logging.yaml} (console, a file, and an events file of the access records).
 *
 * <p>How to run it and what its logs and events look like: {@code examples/webflux/README.md}.
 */
@SpringBootApplication
public class ExampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ExampleApplication.class, args);
	}
}
