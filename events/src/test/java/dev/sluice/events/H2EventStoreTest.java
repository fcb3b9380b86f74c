package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 file database. */
class H2EventStoreTest extends EventStoreContract {

	@TempDir
	Path dir;

	@Override
	EventStore newStore() {
		return EventStore.embedded(dir);
	}

	@Test
	void theEmbeddedDatabaseIsAFileUnderSluiceData() {
		store.save(List.of(event(0, "x").build())).block();
		assertThat(Files.exists(dir.resolve("sluice-data/events.mv.db"))).isTrue();
	}

	@Test
	void eventsOutliveTheStore() {
		store.save(List.of(event(0, "kept").build())).block();
		store.close().block();
		store = EventStore.embedded(dir);
		assertThat(messages(EventQuery.all())).containsExactly("kept");
	}

	@Test
	void anR2dbcUrlOpensTheSameKindOfStore() {
		store.close().block();
		store = EventStore.open("r2dbc:h2:mem:///events-url-test");
		store.save(List.of(event(0, "in memory").build())).block();
		assertThat(messages(EventQuery.all())).containsExactly("in memory");
	}
}
