package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 file URLs an event store takes: each form's path, and a store opened by each absolute form. */
class H2FileUrlTest {

	@TempDir
	Path dir;

	@Test
	void eachFormNamesItsPath() {
		assertThat(H2FileUrl.path("r2dbc:h2:file:///var/lib/app/events")).isEqualTo("/var/lib/app/events");
		assertThat(H2FileUrl.path("r2dbc:h2:file:////var/lib/app/events")).isEqualTo("/var/lib/app/events");
		assertThat(H2FileUrl.path("r2dbc:h2:file///var/lib/app/events")).isEqualTo("/var/lib/app/events");
		assertThat(H2FileUrl.path("r2dbc:h2:file:///./data/events")).isEqualTo("./data/events");
		assertThat(H2FileUrl.path("r2dbc:h2:file//data/events")).isEqualTo("./data/events");
		assertThat(H2FileUrl.path("r2dbc:h2:file:///C:/data/events")).isEqualTo("C:/data/events");
		assertThat(H2FileUrl.path("r2dbc:h2:file:///~/events")).isEqualTo(System.getProperty("user.home") + "/events");
	}

	@Test
	void urlsWithOptionsHostsOrCredentialsAndOtherDatabasesAreLeftToR2dbc() {
		assertThat(H2FileUrl.path("r2dbc:h2:file:///var/events?option=DB_CLOSE_DELAY=10")).isNull();
		assertThat(H2FileUrl.path("r2dbc:h2:file:///var/events;MODE=PostgreSQL")).isNull();
		assertThat(H2FileUrl.path("r2dbc:h2:file://sa:pw@localhost/var/events")).isNull();
		assertThat(H2FileUrl.path("r2dbc:h2:file://localhost/var/events")).isNull();
		assertThat(H2FileUrl.path("r2dbc:h2:mem:///events")).isNull();
		assertThat(H2FileUrl.path("r2dbc:postgresql://localhost:5432/events")).isNull();
		assertThat(H2FileUrl.path("r2dbc:h2:file:///")).isNull();
		assertThat(H2FileUrl.path("r2dbc:h2:file:///var/")).isNull();
	}

	@Test
	void aStoreOpenedByEachAbsoluteFormIsTheFileItNames() {
		String abs = dir.toAbsolutePath().toString();
		List<String> urls = List.of("r2dbc:h2:file://" + abs + "/a", "r2dbc:h2:file:///" + abs + "/b",
				"r2dbc:h2:file//" + abs + "/c");
		for (String url : urls) {
			EventStore store = EventStore.open(url);
			try {
				store.save(List.of(EventStoreContract.event(0, url).build())).block(Duration.ofSeconds(30));
				assertThat(store.count().block(Duration.ofSeconds(30))).as(url).isEqualTo(1);
			}
			finally {
				store.close().block(Duration.ofSeconds(30));
			}
		}
		assertThat(dir.resolve("a.mv.db")).exists();
		assertThat(dir.resolve("b.mv.db")).exists();
		assertThat(dir.resolve("c.mv.db")).exists();
	}
}
