package dev.sluice.pipeline.engine;

import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.RoutingPlan;

/**
 * Puts plans in force: makes and starts the new sinks, updates the loggers (levels, disabled
 * flags) and the full-ingress policy, and queues the switch for the router, which takes it
 * between two batches. One switch at a time (this object's monitor), in the order they were
 * asked for. Blocks while sinks are made (they may open files).
 */
final class PlanSwitches {

	private final Hierarchy registry;
	private final SinkSet sinks;
	private final Entrance entrance;
	private final Router router;
	private final MpscIngress ingress;
	private final BooleanSupplier running;

	PlanSwitches(Hierarchy registry, SinkSet sinks, Entrance entrance, Router router, MpscIngress ingress,
			BooleanSupplier running) {
		this.registry = registry;
		this.sinks = sinks;
		this.entrance = entrance;
		this.router = router;
		this.ingress = ingress;
		this.running = running;
	}

	/**
	 * Prepares {@code requested} and queues its switch; the returned switch's {@code done}
	 * completes when the router took it: when {@code ordered}, after the records offered before
	 * (they follow the running plan), else before the router's next batch.
	 *
	 * @throws IllegalStateException if the pipeline is shut down
	 */
	synchronized Router.Switch switchTo(RoutingPlan requested, boolean ordered) {
		if (!running.getAsBoolean()) {
			throw new IllegalStateException("the pipeline is shut down");
		}
		RoutingPlan plan = requested.incremental() ? registry.plan().withIncremental(requested) : requested;
		Map<String, SinkRunner> next = sinks.prepare(plan);
		SinkRunner lastResort = sinks.lastResortFor(next);
		if (requested.ingressFullPolicy() != null) {
			entrance.policy(requested.ingressFullPolicy());
		}
		sinks.commit(next, lastResort);
		// the switch is queued before the loggers get the new levels: a record that passed a new
		// level was logged after the switch was queued, and the router takes a switch before any
		// record offered after it, so that record follows the new routes (never the old format or
		// sinks). The reverse order let such a record reach the router first. Ordered: the records
		// offered so far are routed by the running plan first; else the switch comes before them.
		Router.Switch s = new Router.Switch(plan, next, lastResort, ordered ? ingress.offered() : 0);
		router.enqueueSwitch(s);
		// a configuration (not Python's defaults, not an incremental one) decides disabled loggers
		registry.apply(plan, requested != RoutingPlan.DEFAULT && !requested.incremental());
		ingress.wake();
		return s;
	}

	/** Sets one logger's level at run time (null: inherit); the router takes it after the records logged before. */
	void setLevel(String loggerName, Level level) {
		synchronized (this) {
			// counted before the loggers get the level: a record that passed it comes after the switch
			long after = ingress.offered();
			registry.setLevel(loggerName, level);
			router.enqueueSwitch(new Router.Switch(registry.plan(), sinks.current(), sinks.lastResort(), after));
		}
		ingress.wake();
	}
}
