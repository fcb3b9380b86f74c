package dev.sluice.examples.webflux;

import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.sluice.events.EventContext;
import dev.sluice.events.EventLogger;
import dev.sluice.events.Events;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.Sluice;
import reactor.core.publisher.Mono;

/**
 * Endpoints that log: {@code GET /orders/{id}} (logs, asks the slow inventory, times it),
 * {@code GET /orders/13} fails downstream, {@code POST /orders/{id}/cancel} fails on purpose with
 * 409, {@code GET /boom} throws.
 */
@RestController
public class OrderController {

	private static final Logger log = LoggerFactory.getLogger(OrderController.class);

	private final dev.sluice.pipeline.Logger sluiceLog;
	private final EventLogger events;
	private final Inventory inventory;

	public OrderController(Sluice sluice, Inventory inventory) {
		this.sluiceLog = sluice.logger("example.orders");
		this.events = Events.logger(sluice, "example.inventory");
		this.inventory = inventory;
	}

	@GetMapping("/orders/{id}")
	public Mono<Map<String, Object>> order(@PathVariable("id") int id) {
		log.info("looking up order {}", id);
		// an event with Duration on success ("Checked the inventory ..."), or "Failed to check the
		// inventory ..." with Detail and Duration on error
		return events.timed(EventContext.ofCategory("monitor"), "to check the inventory for order " + id,
				"Checked the inventory for order " + id, inventory.stock(id, Duration.ofMillis(150)))
				.flatMap(stock -> sluiceLog.reactive().info("inventory answered for order {}: {} in stock", id, stock)
						.thenReturn(Map.<String, Object>of("order", id, "stock", stock)))
				.doOnEach(sluiceLog.onError(Level.ERROR, "Failed to check the inventory"));
	}

	@PostMapping("/orders/{id}/cancel")
	public Mono<Void> cancel(@PathVariable("id") int id) {
		log.warn("order {} cannot be cancelled: it has shipped", id);
		return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT, "order " + id + " has shipped"));
	}

	@GetMapping("/boom")
	public Mono<String> boom() {
		return Mono.error(new IllegalStateException("failing on purpose"));
	}
}
