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
import dev.sluice.events.EventContext;
import dev.sluice.events.EventLogger;
import dev.sluice.events.EventStore;
import dev.sluice.events.Events;
import dev.sluice.pipeline.ContextualLogger;
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
 * sync concurrently on Reactor's parallel scheduler; each sync is an event-log unit of work
 * ({@link Events#unitOfWork}: EntryPoint, User, a new OperationId in Reactor Context) that logs the
 * seed's messages and is timed as an operation ({@code timed}: "Synced provider X" with its
 * Duration, or "Failed to sync provider X" with the stack trace). Now and then a sync has a slow step,
 * timed on its own, and now and then one fails. Ends with a summary: records/s, per-sink delivered
 * and dropped, the caller's time per log call, and how many events the event log stored, with the
 * commands that show them.
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

	/** Records per unit of work (one provider sync), not counting the event log's timed outcome. */
	private static final int PER_UNIT = 10;

	/** Every this many syncs has a slow step ({@link #SLOW_STEP}), timed as an operation of its own. */
	static final int SLOW_EVERY = 50;
	static final Duration SLOW_STEP = Duration.ofMillis(20);
	/** Syncs {@code FAIL_AT}, {@code FAIL_AT + FAIL_EVERY}, ... fail (and say so in the event log). */
	static final int FAIL_EVERY = 997;
	static final int FAIL_AT = 13;
	/** Every this many syncs was started by a user (a resync request) instead of the timer. */
	static final int BY_USER_EVERY = 10;

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
			catch (dev.sluice.pipeline.sink.options.InvalidConfigException e) {
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
		LongAdder failed = new LongAdder();
		long units = Math.max(1, records / PER_UNIT);
		EventLogger events = Events.logger(sluice, "jibe.provider.sync");

		long start = System.nanoTime();
		try (ProgressBar bar = ProgressBar.start("demo", units * PER_UNIT, logged::sum)) {
			Flux.range(0, (int) units)
					.flatMap(unit -> unitOfWork(sluice, events, unit, latency, logged, failed)
							.subscribeOn(Schedulers.parallel()), providers * 4)
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
		if (config == null && plan.handlers().containsKey("events")) {
			printEvents(out, DemoPlan.eventsPath(dataDir), units, failed.sum(), end - start);
		}
		return report.droppedTotal() == 0 ? 0 : 1;
	}

	/**
	 * One provider sync as a unit of work of the event log: started by the timer, or every
	 * {@value #BY_USER_EVERY}th by user alice's resync request; timed as one operation.
	 */
	private Mono<Void> unitOfWork(Sluice sluice, EventLogger events, int unit, Recorder latency, LongAdder logged,
			LongAdder failed) {
		String name = PROVIDERS[unit % Math.min(providers, PROVIDERS.length)];
		boolean byUser = unit % BY_USER_EVERY == 0;
		Mono<Void> slowStep = unit % SLOW_EVERY == 0
				? events.timed(EventContext.of("Bucket", "my-big-bucket").category("monitor"),
						"to list bucket my-big-bucket for " + name, "Listed bucket my-big-bucket for " + name,
						Mono.delay(SLOW_STEP).then())
				: Mono.empty();
		Mono<Void> failure = unit % FAIL_EVERY == FAIL_AT
				? Mono.error(new IllegalStateException("PutObject AccessDenied - my-big-bucket/" + unit + ".zip"))
				: Mono.empty();
		Mono<Void> sync = events.timed(EventContext.ofCategory(byUser ? "command" : "monitor"),
				"to sync provider " + name, "Synced provider " + name,
				syncOnce(sluice, events, unit, latency, logged).then(slowStep).then(failure))
				// the failure is in the event log ("Failed to sync provider ...") and on the console: go on
				.onErrorResume(e -> {
					failed.increment();
					return Mono.empty();
				});
		// the provider is part of the chain's context: every record and event of this sync carries it
		return Events.unitOfWork(byUser ? "POST /api/providers/resync" : "timer provider-sync", byUser ? "alice" : null,
				sync).contextWrite(LogContext.with("provider", name));
	}

	/** What the event log stored, read back from its database, and how to look at it. */
	private static void printEvents(PrintStream out, Path db, long units, long failed, long totalNanos) {
		EventStore store = EventStore.h2File(db);
		try {
			long stored = store.count().block(Duration.ofSeconds(30));
			out.printf("  event log: %,d events stored in %s.mv.db (%,d operations, %,d failed), %,.0f events/s%n", stored,
					db.toAbsolutePath(), units, failed, stored / (totalNanos / 1e9));
			String arg = db.toAbsolutePath().toString();
			arg = arg.matches("[A-Za-z0-9_./:-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
			out.println("  view them: sluice events query --db " + arg + " [--level error] [--operation ID]");
			out.println("         or: sluice events serve --db " + arg);
		}
		finally {
			store.close().block(Duration.ofSeconds(30));
		}
	}

	/**
	 * One provider sync's records: a few at DEBUG/INFO, now and then the seed's warnings; the first
	 * goes through the event logger, so it is an event too.
	 */
	private Mono<Void> syncOnce(Sluice sluice, EventLogger events, int unit, Recorder latency, LongAdder logged) {
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
						events.in(ctx).info(EventContext.ofCategory("monitor"),
								"Provider ReSync Found (Started Completed '2020-07-01 18:22:39 UTC') - {}", name);
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
			out.printf("  sink %-8s received %,10d  delivered %,10d  dropped %,d%s%s%n", e.getKey(), s.received(),
					s.delivered(), s.dropped(), s.droppedByReason().isEmpty() ? "" : " " + s.droppedByReason(),
					SinkLines.rest(s));
		}
		if (!report.ingressDropped().isEmpty()) {
			out.println("  dropped at ingress: " + report.ingressDropped());
		}
		out.printf("  caller time per log call: p50 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.1f us%n",
				h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
				h.getMaxValue() / 1e3);
	}
}
