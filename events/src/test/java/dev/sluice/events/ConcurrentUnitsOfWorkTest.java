package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * 1,000 units of work at once on the parallel scheduler, each hopping threads: every event
 * carries its own unit's User and OperationId and no other's.
 */
class ConcurrentUnitsOfWorkTest {

	@TempDir
	Path dir;

	@Test
	void eachEventCarriesOnlyItsOwnUnitsUserAndOperation() throws Exception {
		int units = 1000;
		try (EventsHarness h = new EventsHarness(dir)) {
			EventLogger events = h.events("load.test");
			Flux.range(0, units)
					.flatMap(i -> Events.unitOfWork("job:" + i, "user-" + i,
							events.reactive().add(EventContext.of("Unit", (long) i))
									.then(Mono.fromCallable(() -> i).subscribeOn(Schedulers.parallel()))
									.flatMap(x -> events.reactive().info("step one of {}", x))
									.publishOn(Schedulers.parallel())
									.then(events.reactive().info(EventContext.of("Step", 2L), "step two of {}", i))
									.contextWrite(Events.with("Index", (long) i))), 256)
					.subscribeOn(Schedulers.parallel())
					.blockLast();
			h.awaitEvents(2L * units);

			List<Event> stored = h.store.query(EventQuery.builder().limit(EventQuery.MAX_LIMIT).build()).collectList()
					.block();
			assertThat(stored).hasSize(2 * units);
			Map<String, String> operationOfUser = new HashMap<>();
			for (Event e : stored) {
				long unit = (Long) e.attributes().get("Unit");
				assertThat(e.attributes().get("Index")).isEqualTo(unit);
				assertThat(e.user()).isEqualTo("user-" + unit);
				assertThat(e.entryPoint()).isEqualTo("job:" + unit);
				assertThat(e.message()).endsWith(" of " + unit);
				String previous = operationOfUser.putIfAbsent(e.user(), e.operationId());
				if (previous != null) {
					assertThat(e.operationId()).isEqualTo(previous);
				}
			}
			assertThat(operationOfUser).hasSize(units);
			assertThat(operationOfUser.values()).doesNotHaveDuplicates();
		}
	}
}
