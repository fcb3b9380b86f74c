package dev.sluice.pipeline.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.sluice.pipeline.DropReasons;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.sink.StatusLogger;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * The engine of one pipeline, as the API sees it: the bounded multi-producer ingress and its
 * admission policy, the caller clock, the router thread, one runner thread per sink (per output
 * for sinks that share one), plan
 * switches, the flush barrier and the drain at shutdown. Everything behind it is package-private;
 * this package is not exported by the module.
 *
 * <p>Threads: the ingress is drained by one plain daemon thread ({@code sluice-router}) and each
 * sink runs on a plain daemon thread of its own, so a sink that blocks (a file on a slow disk, a
 * driver) holds nobody else up. The record path ({@link #admit}, {@link #offer}) is lock-free and
 * allocation-free and may be called from any thread, Reactor's non-blocking ones included; the
 * other methods may block (plan switches make sinks, the drain waits) and are for plain threads.
 */
public final class Engine {

	private final StatusLogger status;
	private final SinkSet sinks;
	private final MpscIngress ingress;
	private final Entrance entrance;
	private final CallerClock callerClock;
	private final DropSummary dropSummary;
	private final FlushBarrier flushBarrier;
	private final Router router;
	private final LongAdder accepted = new LongAdder();
	private final CompletableFuture<Void> routerDone = new CompletableFuture<>();
	private PlanSwitches switches;

	/**
	 * An engine with an empty plan; {@link #start} starts its router.
	 *
	 * @param ingressCapacity the ingress queue's capacity (a power of two or rounded up to one)
	 * @param maxWaitNanos how long a waiting caller may wait for room in the ingress
	 * @param dropSummaryNanos how often drops are summarised on the status logger
	 * @param lingerNanos how long the router may wait for more records when they come a few
	 *        milliseconds apart (zero: never)
	 */
	public Engine(Clock clock, StatusLogger status, MeterRegistry meters, int ingressCapacity, long maxWaitNanos,
			long dropSummaryNanos, long lingerNanos) {
		this.status = Objects.requireNonNull(status, "status");
		this.callerClock = CallerClock.of(clock);
		AtomicLong routedThrough = new AtomicLong(-1);
		this.sinks = new SinkSet(meters, status, callerClock, routedThrough);
		// a tick a second while idle: the drop summary and the caller clock's re-sync need no more
		this.ingress = new MpscIngress(ingressCapacity, 1_000_000_000L, lingerNanos, "sluice-router");
		this.entrance = new Entrance(ingress, maxWaitNanos, status, meters);
		this.dropSummary = new DropSummary(() -> sinks.dropsBySource(entrance.dropped()), status, dropSummaryNanos);
		this.flushBarrier = new FlushBarrier(ingress, accepted::sum, sinks.stats(), sinks::all, sinks.fallbackTargets());
		this.router = new Router(RoutingPlan.DEFAULT, Map.of(), status, dropSummary,
				n -> entrance.count(DropReasons.ROUTE_ERROR, n), routedThrough);
		Gauge.builder("sluice.ingress.depth", ingress, MpscIngress::size)
				.description("records waiting in the ingress queue").register(meters);
		FunctionCounter.builder("sluice.ingress.records.accepted", accepted, LongAdder::doubleValue)
				.description("records routed").register(meters);
	}

	/**
	 * Starts routing: plan switches go to {@code hierarchy}, and are refused once {@code running}
	 * says false. Call once, before the first {@link #switchTo}.
	 */
	public void start(Hierarchy hierarchy, BooleanSupplier running) {
		this.switches = new PlanSwitches(hierarchy, sinks, entrance, router, ingress, running);
		ingress.start(new MpscIngress.BatchConsumer() {
			@Override
			public void batch(List<LogRecord> batch) {
				routeBatch(batch);
			}

			@Override
			public void completed() {
				router.complete();
				routerDone.complete(null);
			}

			@Override
			public void failed(Throwable error) {
				status.error("pipeline", "router stopped", error);
				routerDone.completeExceptionally(error);
			}
		});
	}

	/** The ingress thread's consumer. Never throws: a throwing consumer would cancel the ingress and end routing. */
	private void routeBatch(List<LogRecord> batch) {
		try {
			router.route(batch);
		}
		catch (Throwable t) {
			status.once("router:" + t.getClass().getName(), "pipeline", "the router failed on a batch; it goes on", t);
		}
		accepted.add(batch.size());
		try {
			callerClock.resync(); // at every batch and tick; takes the wall clock again once a second
		}
		catch (Throwable t) {
			status.once("clock:" + t.getClass().getName(), "pipeline", "reading the clock failed", t);
		}
	}

	// ---- the record path (any thread, lock-free) -----------------------------------------------

	/**
	 * Whether a record may be offered now: true, or false when the ingress is full and the policy
	 * says drop (the drop is counted). A caller the policy lets wait waits here, bounded.
	 */
	public boolean admit() {
		return entrance.admit();
	}

	/** Offers an admitted record; a record that finds no room after all is counted, never lost silently. */
	public void offer(LogRecord record) {
		entrance.offer(record);
	}

	/** Counts {@code n} records dropped before the ingress for {@code reason}. */
	public void count(String reason, long n) {
		entrance.count(reason, n);
	}

	/** The time of a record logged now, in nanoseconds since the epoch, without a system call per record. */
	public long epochNanos() {
		return callerClock.epochNanos();
	}

	// ---- plans, accounting, flush and stop (plain threads) ---------------------------------------

	/**
	 * Makes and starts the sinks {@code plan} needs and queues the switch; the future completes
	 * when the router took it. Blocks while sinks are made. When {@code ordered}, the records
	 * offered before this call are routed by the running plan first (a reload); else the router
	 * takes the switch before its next batch, whatever it still holds (start-up, where records
	 * logged while classes initialize should reach the configured sinks).
	 *
	 * @throws IllegalStateException when the pipeline is shut down
	 */
	public CompletableFuture<Void> switchTo(RoutingPlan plan, boolean ordered) {
		return switches.switchTo(plan, ordered).done;
	}

	/** How many plan switches were ever queued for the router (tests). */
	long queuedSwitches() {
		return router.queuedSwitches();
	}

	/** Sets one logger's level at run time (null: inherit); the router takes it after the records logged before. */
	public void setLevel(String loggerName, Level level) {
		switches.setLevel(loggerName, level);
	}

	/** What a handler's records are handed to when another handler falls back to it (its runner's queue). */
	public Consumer<List<LogRecord>> handoff(String handlerName) {
		return sinks.handoff(handlerName);
	}

	/** The accounting of every sink so far (a snapshot). */
	public Map<String, SinkReport> reports() {
		return sinks.reports();
	}

	/** Records dropped before routing so far, by reason. */
	public Map<String, Long> ingressDropped() {
		return entrance.dropped();
	}

	/** Records routed so far. */
	public long accepted() {
		return accepted.sum();
	}

	/** See {@code Sluice.flush()}: completes when every record offered before it is settled. */
	public Mono<Void> flush() {
		return flushBarrier.flush();
	}

	/**
	 * Closes the ingress, drains the router and every sink (each given up on once it settled
	 * nothing for {@code deadline}), and closes the sinks. Blocking. Returns whether a deadline
	 * was reached.
	 */
	public boolean drain(Duration deadline) {
		return new PipelineStop(entrance, ingress, routerDone, accepted::sum, sinks.fallbackTargets())
				.drain(sinks.all(), deadline);
	}

	/** Writes the drops counted since the last summary to the status logger. */
	public void summarizeDrops() {
		dropSummary.report("in total since the last summary");
	}
}
