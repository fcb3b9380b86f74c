package dev.sluice.pipeline.engine;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.sink.StatusLogger;

/**
 * Takes the ingress's batches on the ingress thread and hands each record to the runners of its
 * route. It owns the current plan's runners and switches plans between two records, in the order
 * they were applied, each after the records offered before it was queued ({@link Switch#after}): a
 * switch never splits a record, so no record is lost or routed twice across it. Runners of the
 * old plan that the new one does not keep are retired (drained, then closed) after the switch.
 *
 * <p>Everything here runs on the ingress thread but {@link #enqueueSwitch}, which any thread calls.
 */
final class Router {

	/** A plan switch waiting for the router thread. */
	static final class Switch {
		final RoutingPlan plan;
		final Map<String, SinkRunner> runners;
		/** The last resort's runner, or null: printed through the status logger. */
		final SinkRunner lastResort;
		/**
		 * How many records (the ingress's producer index when the switch was queued) the router
		 * routes by the plan before this one; 0: the switch is taken before the next batch.
		 */
		final long after;
		final CompletableFuture<Void> done = new CompletableFuture<>();

		Switch(RoutingPlan plan, Map<String, SinkRunner> runners, SinkRunner lastResort, long after) {
			this.plan = plan;
			this.runners = runners;
			this.lastResort = lastResort;
			this.after = after;
		}
	}

	private final Queue<Switch> switches = new ConcurrentLinkedQueue<>();
	private final java.util.concurrent.atomic.AtomicLong queuedSwitches = new java.util.concurrent.atomic.AtomicLong();
	/** Switches taken so far (ingress thread only): fewer than queued means one is waiting. */
	private long appliedSwitches;
	private final StatusLogger status;
	private final DropSummary dropSummary;
	/** Counts records lost to a routing failure ({@code route_error}). */
	private final java.util.function.LongConsumer routeErrors;
	private RoutingPlan plan;
	private Map<String, SinkRunner> runners;
	/** The last resort's runner under the current plan, or null. */
	private SinkRunner lastResortRunner;
	/**
	 * Identifies the current plan: routes computed under another are stale. Replaced at each switch.
	 * Routes are cached on the loggers' names only (every routed record comes from a {@code Logger},
	 * one per name), so a switch needs no map of them to clear.
	 */
	private Object generation = new Object();
	private long sequence;
	/**
	 * The sequence number of the last record routed to all its sinks: sinks sharing an output
	 * ({@link SharedLane}) write a record once all its offers are made. Written after each record.
	 */
	private final AtomicLong routedThrough;
	private final RecordAccess records = RecordAccess.get();
	private final Map<SinkRunner, Boolean> touched = new IdentityHashMap<>();

	Router(RoutingPlan plan, Map<String, SinkRunner> runners, StatusLogger status, DropSummary dropSummary,
			java.util.function.LongConsumer routeErrors, AtomicLong routedThrough) {
		this.routeErrors = routeErrors;
		this.routedThrough = routedThrough;
		this.plan = plan;
		this.runners = runners;
		this.status = status;
		this.dropSummary = dropSummary;
	}

	/** Any thread: queues a switch; the router applies it once it has routed {@link Switch#after} records. */
	void enqueueSwitch(Switch s) {
		switches.add(s);
		queuedSwitches.incrementAndGet();
	}

	/** How many switches were ever queued (tests of the order in which a switch takes effect). */
	long queuedSwitches() {
		return queuedSwitches.get();
	}

	/**
	 * Ingress thread: routes one batch (possibly an empty tick). Never throws: a record the router
	 * fails on is counted ({@code route_error}) and reported once per cause, and the next record
	 * is routed as usual.
	 */
	void route(List<LogRecord> batch) {
		for (int i = 0, n = batch.size(); i < n; i++) {
			LogRecord record = batch.get(i);
			takeDueSwitches(); // a switch queued behind the records before this one takes effect here
			try {
				routeOne(record);
			}
			catch (Throwable t) {
				routeFailed(record, t);
			}
			routedThrough.lazySet(sequence - 1); // an ordered store, no fence: the signal below publishes it
		}
		takeDueSwitches(); // one due after this batch's last record (or on an empty tick): taken now
		if (!touched.isEmpty()) {
			for (SinkRunner r : touched.keySet()) {
				r.signal();
			}
			touched.clear();
		}
		dropSummary.maybeReport();
	}

	private void routeOne(LogRecord record) {
		records.assignSequence(record, sequence++);
		Route route;
		Object cached = records.cachedRoute(record);
		if (cached instanceof Route && ((Route) cached).generation == generation) {
			route = (Route) cached; // one route per logger and plan: no look-up by name
		}
		else {
			route = Route.compute(record.loggerName(), plan, runners, generation);
			records.cacheRoute(record, route);
		}
		if (!passes(route, record)) {
			return;
		}
		if (route.runners.length == 0) {
			lastResort(record);
			return;
		}
		for (SinkRunner r : route.runners) {
			offer(r, record);
		}
	}

	/** Offers {@code record} to {@code runner}, which is woken after the batch if it took it. */
	private void offer(SinkRunner runner, LogRecord record) {
		if (runner.offer(record)) {
			touched.put(runner, Boolean.TRUE);
		}
	}

	private void routeFailed(LogRecord record, Throwable t) {
		try {
			routeErrors.accept(1L);
			status.once("route:" + t.getClass().getName(), "pipeline",
					"routing failed on a record of logger '" + record.loggerName()
							+ "'; such records are counted as dropped (route_error), the others go on", t);
		}
		catch (Throwable ignored) {
			// the status logger itself failed: the record is counted, nothing more can be said
		}
	}

	/** Ingress thread, at the end of the stream: takes the switches due; the pipeline retires the runners. */
	void complete() {
		takeDueSwitches();
	}

	Map<String, SinkRunner> runners() {
		return runners;
	}

	/**
	 * Takes the queued switches that are due: in the order they were queued, each once the records
	 * offered before it was queued are routed, so that a record logged before a plan was applied
	 * follows the plan it was logged under, and one logged after follows the new one.
	 */
	private void takeDueSwitches() {
		if (queuedSwitches.get() == appliedSwitches) {
			return; // none waiting: one volatile read
		}
		Switch s;
		while ((s = switches.peek()) != null && s.after <= sequence) {
			switches.poll();
			appliedSwitches++;
			Map<String, SinkRunner> old = runners;
			plan = s.plan;
			runners = s.runners;
			generation = new Object();
			if (lastResortRunner != null && lastResortRunner != s.lastResort) {
				lastResortRunner.retire();
			}
			lastResortRunner = s.lastResort;
			for (SinkRunner r : old.values()) {
				if (!containsRunner(runners, r)) {
					r.retire();
				}
			}
			s.done.complete(null);
		}
	}

	private static boolean containsRunner(Map<String, SinkRunner> map, SinkRunner r) {
		for (SinkRunner x : map.values()) {
			if (x == r) {
				return true;
			}
		}
		return false;
	}

	private boolean passes(Route route, LogRecord record) {
		try {
			return route.passesFilters(record);
		}
		catch (Throwable t) {
			status.once("logger-filter:" + record.loggerName(), "logger " + record.loggerName(),
					"a filter failed; it rejects the records it fails on", t);
			return false;
		}
	}

	/**
	 * Python's {@code logging.lastResort}: a record of WARNING or above that no handler takes
	 * is printed (message only) to stderr rather than lost: through the thread of the handlers
	 * writing to that stream when there are some, else through the status logger.
	 */
	private void lastResort(LogRecord record) {
		if (lastResortRunner != null) {
			// beside handlers on the same stream: through their shared thread, in order with their lines
			offer(lastResortRunner, record);
			return;
		}
		if (record.level().value() >= Level.WARNING.value()) {
			// through the status logger's bounded writer: never a blocking write on this thread
			status.raw(SinkSet.LAST_RESORT_LAYOUT.format(record));
		}
	}
}
