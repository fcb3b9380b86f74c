package dev.sluice.examples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small WebFlux service that logs through Sluice as users would: SLF4J in the controllers,
 * Sluice's reactive logger in the chains, one unit of work per request, configured by
 * {@code logging.yaml} (console, a file, and an events file of the access records).
 *
 * <pre>
 * mvn -q -pl examples/webflux -am package -DskipTests
 * cd examples/webflux &amp;&amp; mvn -q spring-boot:run
 * curl -H 'X-Request-Id: demo-1' localhost:8080/orders/42
 * </pre>
 */
@SpringBootApplication
public class ExampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ExampleApplication.class, args);
	}
}
