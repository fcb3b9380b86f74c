package dev.sluice.events.viewer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.events.Category;
import dev.sluice.events.Event;
import dev.sluice.events.EventLevel;
import dev.sluice.events.EventStore;
import dev.sluice.events.Priority;

/** A store with a few operations, as CycleServer's text describes them. */
final class ViewerFixture {

	static final Instant T0 = Instant.now().minusSeconds(600);

	private ViewerFixture() {
	}

	static EventStore store(Path dir) {
		EventStore store = EventStore.h2File(dir.resolve("events"));
		List<Event> events = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String op = "op-" + i;
			Instant start = T0.plusSeconds(i * 10L);
			events.add(Event.builder().time(start).module("jibe.provider.sync").message("Sync of provider " + i)
					.operationId(op).user(i % 2 == 0 ? "alice" : "bob").entryPoint("timer provider-sync")
					.category(i % 3 == 0 ? Category.AUTH : Category.MONITOR).priority(i % 5 == 0 ? Priority.HIGH : Priority.LOW)
					.level(i % 7 == 0 ? EventLevel.ERROR : EventLevel.INFO).primary(true)
					.attribute("ItemId", (long) i).build());
			events.add(Event.builder().time(start.plusMillis(1500)).module("jibe.provider.sync")
					.message("Downloaded the Internet").operationId(op).user(i % 2 == 0 ? "alice" : "bob")
					.duration(Duration.ofMillis(1400)).primary(false).build());
		}
		events.add(Event.builder().time(T0.plusSeconds(400)).module("jibe.core").message("Failed to download the Internet")
				.detail("java.lang.IllegalStateException: boom\n\tat dev.sluice.Example.run(Example.java:42)\n\tat java.base/java.lang.Thread.run(Thread.java:840)")
				.level(EventLevel.ERROR).operationId("op-29").user("bob").duration(Duration.ofMillis(2500)).primary(false).build());
		events.add(Event.builder().time(T0.plusSeconds(450)).module("web").message("<img src=x onerror=alert(1)>")
				.operationId("op-xss").user("mallory").primary(true).build());
		store.save(events).block(Duration.ofSeconds(30));
		return store;
	}
}
