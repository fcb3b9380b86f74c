package dev.sluice.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import dev.sluice.context.LogContext;
import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.ContextualLogger;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.Sluice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code sluice demo}: Jibe's provider synchronisation as a reactive workload. Several providers
 * sync concurrently on Reactor's parallel scheduler; each sync is a unit of work with its own
 * context (provider, OperationId) carried in Reactor Context; they log the seed's messages. Ends
 * with a summary: records/s, per-sink delivered and dropped, and the caller's time per log call.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = "Run a reactive workload modelled on Jibe's provider sync and report what the pipeline did.")
final class DemoCommand implements Callable<Integer> {

	@Option(names = "--records", description = "How many records to log (default: ${DEFAULT-VALUE}).", defaultValue = "200000")
	long records;

	@Option(names = "--providers", description = "Providers syncing concurrently (default: ${DEFAULT-VALUE}).", defaultValue = "8")
	int providers;

	@Option(names = "--data-dir", description = "Where file sinks write (default: ${DEFAULT-VALUE}).", defaultValue = "sluice-data")
	Path dataDir;

	@Option(names = "--config", paramLabel = "FILE",
			description = "A dictConfig JSON/YAML file to run the demo through instead of the built-in plan.")
	Path config;

	static final String[] PROVIDERS = {"Sales GovCloud", "Eng Cloud", "Shared Media", "S3 Cloud", "Marketing Azure",
			"Finance GCS", "Archive Glacier", "Media Backblaze"};

	private static final long MAX_TRACKED_NANOS = 60_000_000_000L;

	/** Records per unit of work (one provider sync). */
	private static final int PER_UNIT = 10;

	@Override
	public Integer call() throws Exception {
		Files.createDirectories(dataDir);
		Sluice sluice = Sluice.builder().build();
		RoutingPlan plan;
		if (config != null) {
			dev.sluice.config.ConfigLoader loader = dev.sluice.config.ConfigLoader.defaults();
			try {
				plan = loader.plan(loader.read(config), sluice.environment());
			}
			catch (dev.sluice.pipeline.sink.InvalidConfigException e) {
				sluice.close();
				System.err.println(e.getMessage());
				return 2;
			}
		}
		else {
			plan = DemoPlan.build(sluice.environment(), dataDir);
		}
		sluice.apply(plan).block();
		PrintStream out = System.out;
		// fixed range: an auto-resizing histogram takes a lock to grow, which has no place on a Reactor thread
		Recorder latency = new Recorder(1, MAX_TRACKED_NANOS, 3);
		LongAdder logged = new LongAdder();
		long units = Math.max(1, records / PER_UNIT);

		long start = System.nanoTime();
		try (ProgressBar bar = ProgressBar.start("demo", units * PER_UNIT, logged::sum)) {
			Flux.range(0, (int) units)
					.flatMap(unit -> syncOnce(sluice, unit, latency, logged)
							.subscribeOn(Schedulers.parallel())
							.contextWrite(LogContext.with("provider", PROVIDERS[unit % Math.min(providers, PROVIDERS.length)]))
							.contextWrite(StandardKeys.operationId("sync-" + unit))
							.contextWrite(StandardKeys.entryPoint("timer provider-sync")), providers * 4)
					.blockLast();
		}
		long loggedAt = System.nanoTime();
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block();
		long end = System.nanoTime();
		dev.sluice.pipeline.sink.StatusLogger.flushStderr(1_000);
		printSummary(out, logged.sum(), loggedAt - start, end - start, report, latency.getIntervalHistogram());
		if (config == null && plan.handlers().containsKey("file")) {
			out.println("  the file sink wrote " + dataDir.resolve("demo.log"));
		}
		return report.droppedTotal() == 0 ? 0 : 1;
	}

	/** One provider sync: a few records at DEBUG/INFO, now and then the seed's warnings. */
	private Mono<Void> syncOnce(Sluice sluice, int unit, Recorder latency, LongAdder logged) {
		return Mono.deferContextual(ctx -> {
			ContextualLogger sync = sluice.logger("jibe.provider.sync").in(ctx);
			ContextualLogger provider = sluice.logger("jibe.provider").in(ctx);
			ContextualLogger core = sluice.logger("jibe.core").in(ctx);
			String name = (String) LogContext.attributes(ctx).get("provider");
			long t;
			for (int i = 0; i < PER_UNIT; i++) {
				t = System.nanoTime();
				switch (i) {
					case 0:
						sync.info("Provider ReSync Found (Started Completed '2020-07-01 18:22:39 UTC') - {}", name);
						break;
					case 1:
						provider.info("Start Folder Monitor '{}' - [AWSLogs]", name);
						break;
					case 2:
						core.info("syncOnProviderEvent: PutObject:not_found - my-big-bucket/{}.zip. {} attempts left.",
								unit, 2);
						break;
					case 9:
						if (unit % 997 == 0) {
							sync.warn("Providers Sync Delayed: ['{} - {} hours, Real-Time Refresh On']", name, unit % 24);
						}
						else if (unit % 1499 == 0) {
							provider.warn("New bucket - {}/sharedmedia{}_logs", name, unit);
						}
						else {
							sync.debug("Providers still in sync: ['{}']", name);
						}
						break;
					default:
						core.debug("syncOnProviderEvent: HeadObject:ok - my-big-bucket/{}-{}.zip", unit, i);
				}
				latency.recordValue(Math.min(MAX_TRACKED_NANOS, Math.max(1, System.nanoTime() - t)));
				logged.increment();
			}
			return Mono.empty();
		});
	}

	private static void printSummary(PrintStream out, long logged, long logNanos, long totalNanos, ShutdownReport report,
			Histogram h) {
		out.println();
		out.printf("Sluice demo: %,d records logged in %.2f s (%,.0f records/s); all delivered and flushed in %.2f s (%,.0f records/s)%n",
				logged, logNanos / 1e9, logged / (logNanos / 1e9), totalNanos / 1e9, logged / (totalNanos / 1e9));
		for (Map.Entry<String, SinkReport> e : report.sinks().entrySet()) {
			SinkReport s = e.getValue();
			out.printf("  sink %-8s received %,10d  delivered %,10d  dropped %,d%s%n", e.getKey(), s.received(),
					s.delivered(), s.dropped(), s.droppedByReason().isEmpty() ? "" : " " + s.droppedByReason());
		}
		if (!report.ingressDropped().isEmpty()) {
			out.println("  dropped at ingress: " + report.ingressDropped());
		}
		out.printf("  caller time per log call: p50 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.1f us%n",
				h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
				h.getMaxValue() / 1e3);
	}
}
