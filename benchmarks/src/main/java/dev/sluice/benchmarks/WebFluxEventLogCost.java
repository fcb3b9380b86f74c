package dev.sluice.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;

/**
 * What the event log costs a WebFlux service (issue 20): the example service
 * ({@code examples/webflux}, its own {@code logging.yaml}) under a bounded load on loopback, with
 * the event log on (the file as shipped: the events go to the embedded H2 store and to
 * {@code events.log}) and off (the same file with the {@code sluice.events} logger's handlers
 * taken out: the service still makes its events, they go nowhere).
 *
 * <p>Each configuration runs in a JVM of its own ({@code -Xms512m -Xmx512m}, stdout to a file, a
 * fresh working directory); this JVM is the client: {@code concurrency} requests in flight at
 * once ({@code GET /orders/{id}}, each waiting 150 ms on the simulated inventory), {@code requests}
 * per round, one warm-up round, then {@code rounds} measured rounds, the two configurations
 * alternating round by round so that a change of the machine's load meets both. Reported:
 * requests/s and p99 latency per round and their medians.
 *
 * <pre>
 * mvn -B -q -o test-compile dependency:build-classpath -pl examples/webflux \
 *     -Dmdep.outputFile=target/example.cp -Dmdep.includeScope=runtime
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/benchmarks.classpath)" \
 *     dev.sluice.benchmarks.WebFluxEventLogCost examples/webflux 5 2000 50
 * </pre>
 */
public final class WebFluxEventLogCost {

	private WebFluxEventLogCost() {
	}

	public static void main(String[] args) throws Exception {
		Path example = Path.of(args.length > 0 ? args[0] : "examples/webflux").toAbsolutePath();
		int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
		int requests = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
		int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 50;
		String classpath = example.resolve("target/classes") + java.io.File.pathSeparator
				+ Files.readString(example.resolve("target/example.cp")).trim();
		String shipped = Files.readString(example.resolve("src/main/resources/logging.yaml"));
		String off = withoutEventLog(shipped);

		System.out.printf(Locale.ROOT, "load average at start: %.2f%n", loadAverage());
		java.util.concurrent.ExecutorService clientThreads = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
			Thread t = new Thread(r, "load-client");
			t.setDaemon(true);
			return t;
		});
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(clientThreads).build();
		try (Service on = Service.start("on", classpath, shipped, 18081);
				Service without = Service.start("off", classpath, off, 18082)) {
			round(client, on, requests, concurrency); // warm-up: JIT, pools, the store's schema
			round(client, without, requests, concurrency);
			List<double[]> onRounds = new ArrayList<>();
			List<double[]> offRounds = new ArrayList<>();
			for (int r = 0; r < rounds; r++) {
				double[] a = round(client, on, requests, concurrency);
				double[] b = round(client, without, requests, concurrency);
				onRounds.add(a);
				offRounds.add(b);
				System.out.printf(Locale.ROOT, "round %d: on %.1f req/s p99 %.1f ms | off %.1f req/s p99 %.1f ms%n", r + 1,
						a[0], a[1], b[0], b[1]);
			}
			double onRps = median(onRounds, 0);
			double offRps = median(offRounds, 0);
			double onP99 = median(onRounds, 1);
			double offP99 = median(offRounds, 1);
			System.out.printf(Locale.ROOT,
					"median: on %.1f req/s p99 %.1f ms | off %.1f req/s p99 %.1f ms | on/off requests/s %.3f"
							+ " (goal >= 0.90), p99 %.3fx (goal <= 1.10)%n",
					onRps, onP99, offRps, offP99, onRps / offRps, onP99 / offP99);
			System.out.printf(Locale.ROOT, "events stored by the 'on' service: %s%n", on.eventsStored());
		}
	}

	/** The shipped file with the event log's handlers taken from the {@code sluice.events} logger. */
	static String withoutEventLog(String yaml) {
		String marker = "handlers: [eventlog, events_file]";
		if (!yaml.contains(marker)) {
			throw new IllegalStateException("the example's logging.yaml no longer has '" + marker + "'");
		}
		return yaml.replace(marker, "handlers: []");
	}

	/** One round: {requests/s, p99 ms}. Every response must be 200. */
	private static double[] round(HttpClient client, Service s, int requests, int concurrency) throws Exception {
		Semaphore inFlight = new Semaphore(concurrency);
		Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
		AtomicInteger failures = new AtomicInteger();
		List<CompletableFuture<?>> all = Collections.synchronizedList(new ArrayList<>());
		long start = System.nanoTime();
		for (int i = 0; i < requests; i++) {
			inFlight.acquire();
			int order = 2 + (i % 100) * 2; // even: never 113, the failing order
			HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port + "/orders/" + order))
					.header("X-Request-Id", "bench-" + s.name + "-" + i).timeout(Duration.ofSeconds(30)).GET().build();
			long t0 = System.nanoTime();
			all.add(client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
				long t1 = System.nanoTime();
				synchronized (latency) {
					latency.recordValue(t1 - t0);
				}
				if (err != null || resp.statusCode() != 200) {
					failures.incrementAndGet();
				}
				inFlight.release();
			}));
		}
		CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(t -> null).join();
		double seconds = (System.nanoTime() - start) / 1e9;
		if (failures.get() > 0) {
			throw new IllegalStateException(failures.get() + " of " + requests + " requests to the '" + s.name
					+ "' service failed; its output: " + s.output);
		}
		return new double[] {requests / seconds, latency.getValueAtPercentile(99) / 1e6};
	}

	private static double median(List<double[]> rounds, int field) {
		double[] v = rounds.stream().mapToDouble(r -> r[field]).sorted().toArray();
		return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
	}

	static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException e) {
			return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		}
	}

	/** The example service in a JVM of its own, in a fresh working directory. */
	private static final class Service implements AutoCloseable {
		final String name;
		final int port;
		final Process process;
		final Path dir;
		final Path output;

		private Service(String name, int port, Process process, Path dir) {
			this.name = name;
			this.port = port;
			this.process = process;
			this.dir = dir;
			this.output = dir.resolve("stdout.log");
		}

		static Service start(String name, String classpath, String yaml, int port) throws Exception {
			Path dir = Files.createTempDirectory("sluice-webflux-" + name);
			Path config = dir.resolve("logging.yaml");
			Files.writeString(config, yaml, StandardCharsets.UTF_8);
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx512m"));
			// e.g. -Dsluice.bench.serviceJvmArgs=-XX:StartFlightRecording=filename=/tmp/on.jfr to profile
			String extra = System.getProperty("sluice.bench.serviceJvmArgs", "").replace("{name}", name);
			if (!extra.isBlank()) {
				command.addAll(List.of(extra.trim().split("\\s+")));
			}
			command.addAll(List.of("-cp", classpath, "dev.sluice.examples.webflux.ExampleApplication",
					"--server.port=" + port, "--sluice.config=file:" + config));
			ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
					.redirectOutput(dir.resolve("stdout.log").toFile());
			Service s = new Service(name, port, pb.start(), dir);
			s.awaitUp();
			return s;
		}

		private void awaitUp() throws Exception {
			HttpClient probe = HttpClient.newHttpClient();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new IllegalStateException("the '" + name + "' service exited; its output: "
							+ Files.readString(output));
				}
				try {
					HttpResponse<Void> r = probe.send(HttpRequest.newBuilder(
							URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
							HttpResponse.BodyHandlers.discarding());
					if (r.statusCode() == 200) {
						return;
					}
				}
				catch (IOException notYet) {
					// not listening yet
				}
				Thread.sleep(200);
			}
			throw new IllegalStateException("the '" + name + "' service did not start in 90 s");
		}

		/** Lines of the events file (one per stored event, as the store gets them too). */
		String eventsStored() {
			try {
				Path events = dir.resolve("logs/events.log");
				return Files.exists(events) ? Files.readAllLines(events).size() + " lines in logs/events.log" : "none";
			}
			catch (IOException e) {
				return "unknown (" + e + ")";
			}
		}

		@Override
		public void close() throws Exception {
			process.destroy(); // SIGTERM: the service flushes its pipeline on the way out
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			dev.sluice.testkit.Directories.deleteTree(dir);
		}
	}
}
