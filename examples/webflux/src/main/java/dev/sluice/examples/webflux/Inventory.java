package dev.sluice.examples.webflux;

import java.time.Duration;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * A slow downstream service, simulated: it answers after a delay (on Reactor's parallel
 * scheduler, never blocking a thread), and fails for SKUs that end in 13.
 */
@Component
public class Inventory {

	/** The stock of {@code sku}, after {@code latency}. */
	public Mono<Integer> stock(int sku, Duration latency) {
		return Mono.delay(latency).flatMap(x -> sku % 100 == 13
				? Mono.error(new IllegalStateException("inventory has no record of SKU " + sku))
				: Mono.just(sku * 7 % 50));
	}
}
