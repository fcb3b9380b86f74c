package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import dev.sluice.events.Category;
import dev.sluice.events.Event;
import dev.sluice.events.EventLevel;
import dev.sluice.events.EventStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The event log's store at speed: events stored per second through {@link EventStore#save}, one
 * batch per operation, into the embedded H2 file database (the default) and into PostgreSQL
 * (embedded, as the event log's tests run it), at batches of 1, 100 and 1,000 events. Each event
 * has an entry point, a user, an operation and two custom attributes, as a request's events do.
 * Events/s is the score (operations/s) times the batch.
 *
 * <p>Run alone: {@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmarks.classpath)"
 * org.openjdk.jmh.Main EventStoreBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class EventStoreBenchmark {

	@Param({"H2", "POSTGRES"})
	public String database;

	@Param({"1", "100", "1000"})
	public int batch;

	/** Custom attributes an event has (0 shows what the attribute rows cost). */
	@Param({"2"})
	public int attributes;

	private Path dir;
	private EmbeddedPostgres postgres;
	private EventStore store;
	private long n;

	@Setup(Level.Trial)
	public void open() throws IOException {
		QuietDrivers.apply();
		if (database.equals("H2")) {
			dir = Files.createTempDirectory("sluice-events-bench");
			store = EventStore.h2File(dir.resolve("events"));
		}
		else {
			postgres = EmbeddedPostgres.builder().start();
			try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
				s.execute("CREATE DATABASE events_bench");
			}
			catch (java.sql.SQLException e) {
				throw new IOException(e);
			}
			store = EventStore.open("r2dbc:postgresql://localhost:" + postgres.getPort() + "/events_bench", "postgres",
					"postgres");
		}
		store.count().block(Duration.ofMinutes(1)); // creates the schema outside the measurement
	}

	@Benchmark
	public void save(Blackhole bh) {
		List<Event> events = new ArrayList<>(batch);
		Instant now = Instant.now();
		for (int i = 0; i < batch; i++) {
			long k = n++;
			Event.Builder e = Event.builder().time(now).level(EventLevel.INFO).category(Category.MONITOR)
					.module("dev.sluice.benchmarks.orders").message("Checked the inventory for order " + k)
					.entryPoint("GET /orders/" + k).user("user-" + (k % 100)).operationId("op-" + (k / 5));
			if (attributes > 0) {
				e.attribute("OrderId", k);
			}
			if (attributes > 1) {
				e.attribute("Region", "eu-west-1");
			}
			events.add(e.build());
		}
		store.save(events).block(Duration.ofMinutes(1));
		bh.consume(events);
	}

	@TearDown(Level.Trial)
	public void close() throws IOException {
		store.close().block(Duration.ofMinutes(1));
		if (postgres != null) {
			postgres.close();
		}
		dev.sluice.testkit.Directories.deleteTree(dir);
	}
}
