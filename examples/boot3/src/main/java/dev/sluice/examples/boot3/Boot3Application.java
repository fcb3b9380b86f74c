package dev.sluice.examples.boot3;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** A Boot 3.5 WebFlux service that logs through SLF4J, as most services do; Sluice is only a dependency. */
@SpringBootApplication
@RestController
public class Boot3Application {

	private static final Logger log = LoggerFactory.getLogger(Boot3Application.class);

	@GetMapping("/greet/{name}")
	Mono<String> greet(@PathVariable String name) {
		return Mono.fromSupplier(() -> {
			log.info("greeting {}", name);
			return "hello " + name;
		});
	}

	public static void main(String[] args) {
		SpringApplication.run(Boot3Application.class, args);
	}
}
