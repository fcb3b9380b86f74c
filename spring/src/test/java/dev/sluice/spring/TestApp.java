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

import dev.sluice.events.EventContext;
import dev.sluice.events.EventLogger;
import dev.sluice.events.Events;
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

	@Bean
	Gate gate() {
		return new Gate();
	}

	/** A builder bean, as Boot's WebClient auto-configuration makes one: the starter adds its forwarding filter. */
	@Bean
	org.springframework.web.reactive.function.client.WebClient.Builder webClientBuilder() {
		return org.springframework.web.reactive.function.client.WebClient.builder();
	}

	/** One service calling another (itself, on its own port) with the application's WebClient. */
	@RestController
	static class ForwardController {

		private final org.springframework.web.reactive.function.client.WebClient.Builder builder;
		private final org.springframework.core.env.Environment env;

		ForwardController(org.springframework.web.reactive.function.client.WebClient.Builder builder,
				org.springframework.core.env.Environment env) {
			this.builder = builder;
			this.env = env;
		}

		@GetMapping("/public/forward")
		Mono<String> forward() {
			return builder.baseUrl("http://127.0.0.1:" + env.getProperty("local.server.port")).build().get()
					.uri("/public/operation").retrieve().bodyToMono(String.class);
		}

		/** The OperationId this request runs under, as the second service sees it. */
		@GetMapping("/public/operation")
		Mono<String> operation() {
			return Mono.deferContextual(ctx -> Mono.just(String.valueOf(
					dev.sluice.context.LogContext.attributes(ctx).get(dev.sluice.context.StandardKeys.OPERATION_ID))));
		}
	}

	@RestController
	static class WorkController {

		static final String LOGGER = "dev.sluice.spring.test.Work";
		static final String STEP = "Step";

		private final Logger log;
		private final EventLogger events;
		private final Gate gate;
		private final org.slf4j.Logger slf4j = org.slf4j.LoggerFactory.getLogger(LOGGER + ".slf4j");

		WorkController(Sluice sluice, Gate gate) {
			this.log = sluice.logger(LOGGER);
			this.events = Events.logger(sluice, LOGGER + ".events");
			this.gate = gate;
		}

		/**
		 * Five records and two events per request (plus the access record and event): SLF4J in
		 * the handler, Sluice's reactive logger, a debug record (off unless the level changes), an
		 * event after pushing {@code Step} on the unit of work's stack, then, after the gate and a
		 * hop to another thread, SLF4J again and an imperative event (thread-local unit of work),
		 * and the stack is popped.
		 */
		@GetMapping("/work/{n}")
		Mono<String> work(@PathVariable("n") int n) {
			slf4j.info("work {} started", n);
			return log.reactive().info("work {} in the chain", n)
					.then(log.atDebug().attr("n", n).mono("work {} details", n))
					.then(events.reactive().add(EventContext.of(STEP, "work-" + n)))
					.then(events.reactive().info("work {} event", n))
					.then(gate.arrive(Duration.ofSeconds(45)))
					.then(Mono.delay(Duration.ofMillis(2)))
					.map(x -> {
						slf4j.info("work {} after the hop", n);
						events.info("work {} done", n);
						events.remove();
						return "done " + n;
					});
		}

		@GetMapping("/public/boom")
		Mono<String> boom() {
			return Mono.error(new IllegalStateException("boom on purpose"));
		}

		@GetMapping("/public/fail")
		Mono<String> fail() {
			return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "on purpose"));
		}
	}
}
