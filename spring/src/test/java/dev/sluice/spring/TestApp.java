package dev.sluice.spring;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.Sluice;
import reactor.core.publisher.Mono;

/** The application the integration tests drive: HTTP Basic users, endpoints that log. */
@SpringBootApplication
public class TestApp {

	/** Accepts any user whose password is {@code "pw-" + name}; no hashing (test only). */
	@Bean
	ReactiveAuthenticationManager authenticationManager() {
		return auth -> {
			String name = auth.getName();
			if (!("pw-" + name).equals(String.valueOf(auth.getCredentials()))) {
				return Mono.error(new BadCredentialsException("bad password"));
			}
			return Mono.just(UsernamePasswordAuthenticationToken.authenticated(name, null,
					List.of(new SimpleGrantedAuthority("ROLE_USER"))));
		};
	}

	@Bean
	SecurityWebFilterChain security(ServerHttpSecurity http, ReactiveAuthenticationManager manager) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.authorizeExchange(a -> a.pathMatchers("/actuator/**", "/public/**").permitAll()
						.anyExchange().authenticated())
				.httpBasic(b -> b.authenticationManager(manager))
				.build();
	}

	@RestController
	static class WorkController {

		static final String LOGGER = "dev.sluice.spring.test.Work";

		private final Logger log;
		private final org.slf4j.Logger slf4j = org.slf4j.LoggerFactory.getLogger(LOGGER + ".slf4j");

		WorkController(Sluice sluice) {
			this.log = sluice.logger(LOGGER);
		}

		/**
		 * Four records per request: SLF4J on the Netty thread, Sluice's reactive logger, a debug
		 * record (off unless the level changes), and SLF4J again after a hop to another thread.
		 */
		@GetMapping("/work/{n}")
		Mono<String> work(@PathVariable("n") int n) {
			slf4j.info("work {} started", n);
			return log.reactive().info("work {} in the chain", n)
					.then(log.atDebug().attr("n", n).mono("work {} details", n))
					.then(Mono.delay(Duration.ofMillis(2)))
					.map(x -> {
						slf4j.info("work {} after the hop", n);
						return "done " + n;
					});
		}

		@GetMapping("/public/fail")
		Mono<String> fail() {
			return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "on purpose"));
		}
	}
}
