package dev.sluice.pipeline.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.sluice.pipeline.BufferSpec;
import dev.sluice.pipeline.DropReasons;
import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.console.ConsoleSink;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Layouts;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.StatusLogger;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The sinks of one pipeline: the runners of the plan in force, every runner ever started (for the
 * drain at shutdown), the accounting of every sink name (kept across reloads), and the handoff by
 * which a sink gives records to another (its fallback).
 *
 * <p>Thread-safe: plan changes and snapshots take this object's monitor; the accounting is
 * lock-free.
 */
final class SinkSet {

	private final Map<String, SinkStats> stats = new ConcurrentHashMap<>();
	private final MeterRegistry meters;
	private final StatusLogger status;
	private final CallerClock clock;
	/** Handlers some sink hands records to: at shutdown they are retired after the others. */
	private final Set<String> fallbackTargets = ConcurrentHashMap.newKeySet();
	/** Guarded by this: the runners of the plan in force, and every runner ever started. */
	private Map<String, SinkRunner> current = Map.of();
	private final List<SinkRunner> all = new ArrayList<>();
	/** The name Python's last resort is accounted under when it writes through a shared lane. */
	static final String LAST_RESORT = "lastResort";
	/** Python's {@code logging.lastResort} prints the message (and the traceback) alone. */
	static final Layout LAST_RESORT_LAYOUT = (r, out) -> {
		out.append(r.message());
		Layouts.appendThrowable(r.thrown(), out);
	};
	/** Guarded by this: the last resort's runner in force, or null. */
	private SinkRunner lastResort;
	/** Guarded by this: the lanes of the outputs that sinks share, by output. */
	private final Map<Object, SharedLane> lanes = new HashMap<>();
	private final AtomicLong routedThrough;

	SinkSet(MeterRegistry meters, StatusLogger status, CallerClock clock, AtomicLong routedThrough) {
		this.routedThrough = routedThrough;
		this.meters = meters;
		this.status = status;
		this.clock = clock;
	}

	/**
	 * The runners of {@code plan}'s handlers: those whose sink is unchanged are kept (with the new
	 * level and filters), the others made and started. Not yet in force: {@link #commit}. If a sink
	 * cannot be made, those made so far are retired and the exception is thrown.
	 */
	synchronized Map<String, SinkRunner> prepare(RoutingPlan plan) {
		Map<String, SinkRunner> next = new LinkedHashMap<>();
		List<SinkRunner> created = new ArrayList<>();
		try {
			for (HandlerSpec h : plan.handlers().values()) {
				SinkRunner kept = current.get(h.name());
				if (kept != null && kept.spec().sameSinkAs(h)) {
					kept.update(h); // level and filters may change without restarting the sink
					next.put(h.name(), kept);
					continue;
				}
				Sink sink = Objects.requireNonNull(h.sinkFactory().get(), "sink factory of " + h.name() + " returned null");
				SinkRunner r = new SinkRunner(h, sink, statsFor(h.name()), status, clock, laneOf(sink, h));
				created.add(r);
				next.put(h.name(), r);
			}
		}
		catch (RuntimeException | Error e) {
			for (SinkRunner r : created) {
				r.start();
				r.retire();
			}
			throw e;
		}
		for (SinkRunner r : created) {
			r.start();
			all.add(r);
		}
		return next;
	}

	/** The lane of the output {@code sink} shares with others, or null when it shares none. */
	private SharedLane laneOf(Sink sink, HandlerSpec h) {
		Object output = sink.sharedOutput();
		if (output == null) {
			return null;
		}
		// one lane per output for the pipeline's life: its thread ends while no sink uses it
		return lanes.computeIfAbsent(output, o -> new SharedLane("sluice-sink-" + h.name(), h.buffer().maxBatch(),
				routedThrough, status));
	}

	/**
	 * The runner of Python's last resort (a WARNING or above that no handler takes) for the plan
	 * whose runners are {@code next}: when some of them write to the stream the status logger writes
	 * to (stderr), the last resort writes there through their shared thread, so that its lines and
	 * theirs come in CPython's order; else null, and the router prints through the status logger.
	 * Made and started when needed; kept while the lane is the same.
	 */
	synchronized SinkRunner lastResortFor(Map<String, SinkRunner> next) {
		SharedLane lane = lanes.get(status.stream());
		if (lane == null || next.values().stream().noneMatch(r -> r.lane == lane)) {
			return null;
		}
		if (lastResort != null && lastResort.lane == lane) {
			return lastResort;
		}
		Sink sink = new ConsoleSink(status.stream(), LAST_RESORT_LAYOUT, "\n", StandardCharsets.UTF_8, status);
		HandlerSpec spec = HandlerSpec.ofSink(LAST_RESORT, sink).withLevel(Level.WARNING).withBuffer(BufferSpec.LOSSLESS);
		SinkRunner r = new SinkRunner(spec, sink, statsFor(LAST_RESORT), status, clock, lane);
		r.start();
		all.add(r);
		return r;
	}

	/** Makes {@code runners} (from {@link #prepare}) and {@code newLastResort} the ones in force. */
	synchronized void commit(Map<String, SinkRunner> runners, SinkRunner newLastResort) {
		current = runners;
		lastResort = newLastResort;
	}

	/** The last resort's runner in force, or null. */
	synchronized SinkRunner lastResort() {
		return lastResort;
	}

	/** The runners in force. */
	synchronized Map<String, SinkRunner> current() {
		return current;
	}

	/** Every runner ever started (a snapshot). */
	synchronized List<SinkRunner> all() {
		return new ArrayList<>(all);
	}

	Set<String> fallbackTargets() {
		return fallbackTargets;
	}

	Map<String, SinkStats> stats() {
		return stats;
	}

	/** What a sink calls to hand records to handler {@code handlerName} (its fallback). */
	Consumer<List<LogRecord>> handoff(String handlerName) {
		fallbackTargets.add(handlerName);
		return records -> {
			SinkRunner target = current().get(handlerName);
			if (target == null) {
				SinkStats s = statsFor(handlerName);
				s.received.add(records.size());
				s.dropped(records.size(), DropReasons.NO_SUCH_HANDLER);
				status.once("handoff:" + handlerName, "pipeline", "records handed to handler '" + handlerName
						+ "', which is not defined, are counted as dropped (no_such_handler)", null);
				return;
			}
			target.handoff(records);
		};
	}

	SinkStats statsFor(String name) {
		return stats.computeIfAbsent(name, n -> new SinkStats(n, meters));
	}

	/** The accounting of every sink so far (a snapshot). */
	Map<String, SinkReport> reports() {
		Map<String, SinkReport> m = new LinkedHashMap<>();
		stats.forEach((name, s) -> m.put(name, s.report()));
		return m;
	}

	/** Drops so far by source (the ingress's {@code ingressDrops}, then each sink's), for the drop summary. */
	Map<String, Map<String, Long>> dropsBySource(Map<String, Long> ingressDrops) {
		Map<String, Map<String, Long>> m = new LinkedHashMap<>();
		if (!ingressDrops.isEmpty()) {
			m.put("ingress", ingressDrops);
		}
		stats.forEach((name, s) -> {
			Map<String, Long> d = s.droppedByReason();
			if (!d.isEmpty()) {
				m.put("sink '" + name + "'", d);
			}
		});
		return m;
	}
}
