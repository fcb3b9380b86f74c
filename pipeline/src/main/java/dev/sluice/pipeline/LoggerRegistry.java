package dev.sluice.pipeline;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.sluice.context.Attributes;
import dev.sluice.context.CurrentAttributes;
import dev.sluice.pipeline.engine.Engine;
import dev.sluice.pipeline.engine.Hierarchy;

/**
 * The logger hierarchy of one pipeline: loggers by name, their effective levels, and the plan
 * they follow. Getting a logger is lock-free once it exists; reconfiguration (rare) takes this
 * object's monitor and pushes the new effective level into every logger's volatile field.
 */
final class LoggerRegistry implements Hierarchy {

	private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
	private final Logger root;
	private final Engine engine;
	/** Written under this monitor by apply, read by logger creation (also under the monitor). */
	private RoutingPlan plan = RoutingPlan.DEFAULT;
	/** Python's per-logger {@code disabled} flags, set by disable_existing_loggers. Guarded by this. */
	private final Set<String> disabled = new HashSet<>();
	/**
	 * The loggers that existed when the first configuration was applied, or null before it: the
	 * only ones a {@code disable_existing_loggers} may disable, at the first configuration as at
	 * every later one (a reload never silences code that made its loggers after the first
	 * configuration, as a fresh process with the new file would not). Guarded by this.
	 */
	private Set<String> beforeFirstConfiguration;
	private final dev.sluice.pipeline.sink.StatusLogger status;
	/** Whether any layout in use prints the caller's location; read on every enabled call. */
	private volatile boolean captureLocation;

	LoggerRegistry(Engine engine, dev.sluice.pipeline.sink.StatusLogger status) {
		this.status = status;
		this.engine = engine;
		this.root = new Logger(Hierarchy.ROOT_NAME, null, this, Level.WARNING.value());
		loggers.put(Hierarchy.ROOT_NAME, root);
	}

	Logger root() {
		return root;
	}

	/** The logger called {@code name}; "" and "root" are the root. */
	Logger get(String name) {
		if (name == null || name.isEmpty() || Hierarchy.ROOT_NAME.equals(name)) {
			return root;
		}
		Logger l = loggers.get(name);
		return l != null ? l : create(name);
	}

	private synchronized Logger create(String name) {
		Logger existing = loggers.get(name);
		if (existing != null) {
			return existing;
		}
		int dot = name.lastIndexOf('.');
		Logger parent = dot > 0 ? get(name.substring(0, dot)) : root;
		int level = levelFor(name);
		Logger created = new Logger(name, parent, this, level);
		setThreshold(name, created, level);
		loggers.put(name, created);
		return created;
	}

	/** The names of the loggers made so far, root included (a snapshot). */
	Set<String> names() {
		return Set.copyOf(loggers.keySet());
	}

	@Override
	public synchronized RoutingPlan plan() {
		return plan;
	}

	/**
	 * Makes {@code effective} (not incremental) the plan loggers follow: levels, disabled flags.
	 * {@code configuration}: whether this is a configuration (a dictConfig, a plan given to the
	 * pipeline) rather than a level change at run time; only a configuration's
	 * {@code disable_existing_loggers} disables loggers, and the first one fixes which loggers
	 * count as existing.
	 */
	@Override
	public synchronized RoutingPlan apply(RoutingPlan effective, boolean configuration) {
		if (effective.incremental()) {
			throw new IllegalArgumentException("merge an incremental plan before applying it");
		}
		if (configuration) {
			if (beforeFirstConfiguration == null) {
				beforeFirstConfiguration = new HashSet<>(loggers.keySet());
			}
			disabled.clear();
			if (effective.disableExistingLoggers()) {
				for (String name : beforeFirstConfiguration) {
					if (!Hierarchy.ROOT_NAME.equals(name) && !configuredOrBelow(name, effective)) {
						disabled.add(name);
					}
				}
			}
		}
		plan = effective;
		boolean location = false;
		for (HandlerSpec h : effective.handlers().values()) {
			location |= h.needsLocation();
		}
		captureLocation = location;
		for (Map.Entry<String, Logger> e : loggers.entrySet()) {
			setThreshold(e.getKey(), e.getValue());
		}
		return effective;
	}

	/** Guarded by this. */
	private void setThreshold(String name, Logger logger) {
		setThreshold(name, logger, levelFor(name));
	}

	private void setThreshold(String name, Logger logger, int level) {
		if (disabled.contains(name) || isDisabledBySpec(name)) {
			logger.disable(level);
		}
		else {
			logger.threshold(level);
		}
	}

	/** A record refused by a disabled logger: counted, and the first one per logger reported. */
	void refusedByDisabled(Logger logger) {
		engine.count(DropReasons.LOGGER_DISABLED, 1);
		String name = logger.name();
		String why;
		synchronized (this) {
			why = isDisabledBySpec(name) ? "its configuration says disabled"
					: "disable_existing_loggers (it existed before the first configuration, which names neither it nor an ancestor)";
		}
		status.once("disabled:" + name, "logger " + name, "records of the disabled logger '" + name
				+ "' are refused and counted as dropped (logger_disabled); disabled by " + why, null);
	}

	/** Sets one logger's level at run time (Spring's /actuator/loggers, tests). */
	@Override
	public synchronized RoutingPlan setLevel(String name, Level level) {
		LoggerSpec current = plan.logger(name);
		LoggerSpec spec = (current != null ? current : LoggerSpec.INHERIT).withLevel(level == null ? Level.NOTSET : level);
		return apply(plan.toBuilder().logger(name, spec).incremental(false).build(), false);
	}

	private static boolean configuredOrBelow(String name, RoutingPlan plan) {
		for (String configured : plan.loggers().keySet()) {
			if (name.equals(configured) || name.startsWith(configured + ".")) {
				return true;
			}
		}
		return false;
	}

	/** The effective level number of {@code name}, disabled or not. Guarded by this. */
	private int levelFor(String name) {
		String n = name;
		while (true) {
			LoggerSpec spec = plan.logger(n);
			if (spec != null && spec.level().value() != Level.NOTSET.value()) {
				return spec.level().value();
			}
			if (Hierarchy.ROOT_NAME.equals(n)) {
				// a root at NOTSET logs everything, as in Python
				return spec == null ? Level.WARNING.value() : Level.NOTSET.value();
			}
			int dot = n.lastIndexOf('.');
			n = dot > 0 ? n.substring(0, dot) : Hierarchy.ROOT_NAME;
		}
	}

	private boolean isDisabledBySpec(String name) {
		LoggerSpec spec = plan.logger(name);
		return spec != null && spec.disabled();
	}

	/**
	 * The caller's path: one record, no other allocation (the clock is read as epoch nanoseconds,
	 * see {@link Engine#epochNanos}). A call that will be dropped because the ingress is full is counted
	 * first and builds nothing: no record, no clock read, no thread-local read.
	 * {@code arg0}/{@code arg1}: the arguments of a call with at most two, else
	 * {@link LogRecord#ABSENT}; {@code args}: those of a call with more, else null;
	 * {@code attributes}: null for the thread's current ones ({@link CurrentAttributes}).
	 */
	void emit(Logger logger, Level level, String message, Object arg0, Object arg1, Object[] args, Throwable thrown,
			Attributes attributes) {
		if (!engine.admit()) {
			return;
		}
		long nanos = engine.epochNanos();
		Attributes attrs = attributes != null ? attributes : CurrentAttributes.get();
		StackTraceElement location = captureLocation ? CallerLocation.find() : null;
		engine.offer(new LogRecord(nanos, level, logger.routedName, message, arg0, arg1, args, ThreadTag.current(),
				thrown, attrs, location));
	}
}
