package dev.sluice.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.sluice.events.Category;
import dev.sluice.events.Event;
import dev.sluice.events.EventLevel;
import dev.sluice.events.EventQuery;
import dev.sluice.events.EventStore;
import dev.sluice.events.Priority;
import dev.sluice.events.viewer.EventViewerServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * The event viewer's responsiveness with 100,000 events in its store (issue 11), or 1,000,000
 * ({@code -jvmArgsAppend -Dsluice.viewer.operations=200000}, issue 20): the latency of
 * one HTTP request, as the page makes it, from the request to the last byte of the JSON answer,
 * against a real H2 file store and a real {@link EventViewerServer} on loopback.
 *
 * <ul>
 * <li>{@code firstPage}: the list as the page opens it ({@code primary=true&limit=50}, the "all time" choice).</li>
 * <li>{@code deepPage}: "Load older" half-way down the store (a cursor to the 10,000th operation).</li>
 * <li>{@code userFilter}: the list filtered by user (one user in seven).</li>
 * <li>{@code openOperation}: one operation's events, as clicking a row fetches them (a different
 * operation each call).</li>
 * </ul>
 * The store is made once (about {@value #OPERATIONS} operations of five events, through
 * {@link EventStore#save}) under {@code benchmarks/target/viewer-store} and reused by later forks
 * and runs; delete it to make it again. Run alone (not part of {@code benchmarks/run}):
 * {@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmarks.classpath)"
 * org.openjdk.jmh.Main ViewerLatencyBenchmark}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class ViewerLatencyBenchmark {

	/** Operations of five events in the store: 20,000 (100,000 events) unless {@code -Dsluice.viewer.operations=N}. */
	static final int OPERATIONS = Integer.getInteger("sluice.viewer.operations", 20_000);
	static final String[] USERS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace"};

	@State(Scope.Benchmark)
	public static class Viewer {

		EventStore store;
		EventViewerServer server;
		HttpClient client;
		String middle;
		int next;

		@Setup(Level.Trial)
		public void start() throws Exception {
			Path dir = Path.of("benchmarks", "target", OPERATIONS == 20_000 ? "viewer-store" : "viewer-store-" + OPERATIONS * 5);
			Files.createDirectories(dir);
			QuietDrivers.apply();
			store = EventStore.h2File(dir.resolve("events"));
			long opening = System.nanoTime();
			// a store of an earlier schema is migrated on this first use: minutes for a million events
			long count = store.count().block(Duration.ofMinutes(30));
			System.out.printf("store opened in %.1f s (%d events)%n", (System.nanoTime() - opening) / 1e9, count);
			if (count != OPERATIONS * 5L) {
				if (count != 0) {
					throw new IllegalStateException(dir.toAbsolutePath() + " holds " + count + " events, not "
							+ OPERATIONS * 5 + ": delete it");
				}
				fill(store);
			}
			// the cursor of the Primary event of the operation half-way down
			middle = store.query(EventQuery.builder().operationId("op-" + OPERATIONS / 2).primary(true).limit(1).build())
					.blockFirst(Duration.ofMinutes(1)).cursor();
			server = EventViewerServer.builder(store).port(0).build().start();
			client = HttpClient.create().baseUrl("http://127.0.0.1:" + server.port());
		}

		@TearDown(Level.Trial)
		public void stop() {
			server.close();
			store.close().block(Duration.ofSeconds(30));
		}

		String get(String uri) {
			String body = client.get().uri(uri).responseSingle((res, content) -> {
				if (res.status().code() != 200) {
					return content.asString().map(b -> {
						throw new IllegalStateException(uri + ": " + res.status() + " " + b);
					});
				}
				return content.asString();
			}).block(Duration.ofSeconds(30));
			if (body == null || !body.startsWith("{\"events\":[{")) {
				throw new IllegalStateException(uri + ": no events in " + body);
			}
			return body;
		}
	}

	@Benchmark
	public String firstPage(Viewer v) {
		return v.get("/api/events?primary=true&limit=50");
	}

	@Benchmark
	public String deepPage(Viewer v) {
		return v.get("/api/events?primary=true&limit=50&before=" + v.middle);
	}

	@Benchmark
	public String userFilter(Viewer v) {
		return v.get("/api/events?primary=true&user=bob&limit=50");
	}

	@Benchmark
	public String openOperation(Viewer v) {
		v.next = (v.next + 7919) % OPERATIONS;
		return v.get("/api/operations/op-" + v.next);
	}

	/** The events, newest operation a minute before now: the page's default "15 minutes" shows nearly all. */
	static void fill(EventStore store) {
		Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60).minusMillis(OPERATIONS * 40L);
		List<Event> events = new ArrayList<>(OPERATIONS * 5);
		for (int i = 0; i < OPERATIONS; i++) {
			Instant start = t0.plusMillis(i * 40L);
			String op = "op-" + i;
			String user = USERS[i % USERS.length];
			EventLevel last = i % 13 == 0 ? EventLevel.ERROR : i % 11 == 0 ? EventLevel.WARNING : EventLevel.INFO;
			events.add(Event.builder().time(start).module("jibe.provider.sync").message("Sync of provider " + i)
					.operationId(op).user(user).entryPoint("timer provider-sync")
					.category(i % 3 == 0 ? Category.AUTH : Category.MONITOR)
					.priority(i % 5 == 0 ? Priority.HIGH : Priority.LOW).level(last).primary(true).build());
			events.add(Event.builder().time(start).module("jibe.provider.sync").message("Began sync " + i).operationId(op)
					.user(user).primary(false).build());
			events.add(Event.builder().time(start.plusMillis(10)).module("jibe.provider.fetch")
					.message("Downloaded the Internet").operationId(op).user(user).duration(Duration.ofMillis(9))
					.primary(false).build());
			events.add(Event.builder().time(start.plusMillis(20)).module("jibe.provider.store")
					.message("Stored items of " + i).operationId(op).user(user).duration(Duration.ofMillis(8))
					.primary(false).build());
			events.add(Event.builder().time(start.plusMillis(30)).module("jibe.provider.sync").operationId(op).user(user)
					.level(last).primary(false).duration(Duration.ofMillis(30))
					.message(last == EventLevel.ERROR ? "Sync " + i + " failed" : "Sync " + i + " succeeded")
					.detail(last == EventLevel.ERROR ? "java.lang.IllegalStateException: provider " + i + " went away" : null)
					.build());
		}
		Flux.fromIterable(events).buffer(2_000).concatMap(store::save).blockLast(Duration.ofMinutes(10));
	}
}
