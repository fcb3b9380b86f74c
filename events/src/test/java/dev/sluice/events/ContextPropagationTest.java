package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * With {@code Hooks.enableAutomaticContextPropagation()}, the plain imperative methods inside a
 * chain's operators see the chain's unit of work (attributes and stack), on whatever thread.
 */
class ContextPropagationTest {

	@TempDir
	Path dir;

	@Test
	void imperativeCallsInsideOperatorsSeeTheirChainsUnitOfWork() throws Exception {
		Hooks.enableAutomaticContextPropagation();
		try (EventsHarness h = new EventsHarness(dir)) {
			EventLogger events = h.events("app.items");
			Events.unitOfWork("GET /items", "alice", Mono.just("i-1")
					.publishOn(Schedulers.parallel())
					.doOnNext(item -> {
						events.add("ItemId", item);
						events.info("Processed item {}", item);
						events.remove();
					})
					.publishOn(Schedulers.boundedElastic())
					.doOnNext(item -> events.warn("Still here with {}", item)))
					.block();
			h.awaitEvents(2);
			List<Event> stored = h.stored();
			assertThat(stored).extracting(Event::user).containsExactly("alice", "alice");
			assertThat(stored).extracting(Event::entryPoint).containsOnly("GET /items");
			assertThat(stored.get(0).operationId()).isNotNull().isEqualTo(stored.get(1).operationId());
			assertThat(stored.get(0).attributes()).containsEntry("ItemId", "i-1");
			assertThat(stored.get(1).attributes()).doesNotContainKey("ItemId");
		}
		finally {
			Hooks.disableAutomaticContextPropagation();
		}
		// outside any chain, nothing is left on the thread
		assertThat(UnitOfWork.current()).isNull();
	}
}
