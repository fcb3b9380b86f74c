package app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** A WebFlux service made from the README that logs through SLF4J, as most services do; Sluice is only a dependency. */
@SpringBootApplication
@RestController
public class App {

	private static final Logger log = LoggerFactory.getLogger(App.class);

	private final org.springframework.web.reactive.function.client.WebClient.Builder webClients;
	private final org.springframework.core.env.Environment env;

	App(org.springframework.web.reactive.function.client.WebClient.Builder webClients,
			org.springframework.core.env.Environment env) {
		this.webClients = webClients;
		this.env = env;
	}

	@GetMapping("/greet/{name}")
	Mono<String> greet(@PathVariable String name) {
		return Mono.fromSupplier(() -> {
			log.info("greeting {}", name);
			return "hello " + name;
		});
	}

	/** Calls a second service (this one, on its own port) with Boot's WebClient and returns what it answered. */
	@GetMapping("/forward")
	Mono<String> forward() {
		return webClients.baseUrl("http://127.0.0.1:" + env.getProperty("local.server.port")).build().get()
				.uri("/operation").retrieve().bodyToMono(String.class);
	}

	/** The OperationId this request runs under, as the second service sees it. */
	@GetMapping("/operation")
	Mono<String> operation() {
		return Mono.deferContextual(ctx -> Mono.just(String.valueOf(
				dev.sluice.context.LogContext.attributes(ctx).get(dev.sluice.context.StandardKeys.OPERATION_ID))));
	}

	public static void main(String[] args) {
		SpringApplication.run(App.class, args);
	}
}
