package dev.sluice.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.sluice.pipeline.engine.Hierarchy;

/**
 * A whole logging configuration, ready to run: the root logger, the named loggers and the
 * handlers, with Python's semantics. The config module builds plans from dictConfig files; code
 * can build them directly. Immutable; the builder is not thread-safe.
 *
 * <p>{@code disableExistingLoggers} is Python's {@code disable_existing_loggers}: loggers that
 * exist when the plan is applied and are neither named in it nor below a named logger are
 * disabled. {@code incremental} is Python's {@code incremental}: only levels and
 * {@code propagate} of the named loggers change; handlers stay as they are.
 */
public final class RoutingPlan {

	/** Python's defaults: root at WARNING with no handlers (so the last resort prints warnings). */
	public static final RoutingPlan DEFAULT = builder().build();

	private final LoggerSpec root;
	private final Map<String, LoggerSpec> loggers;
	private final Map<String, HandlerSpec> handlers;
	private final boolean disableExistingLoggers;
	private final boolean incremental;
	private final IngressFullPolicy ingressFullPolicy;

	private RoutingPlan(Builder b) {
		this.ingressFullPolicy = b.ingressFullPolicy;
		this.root = b.root != null || b.incremental ? b.root : LoggerSpec.INHERIT.withLevel(Level.WARNING);
		this.loggers = Map.copyOf(b.loggers);
		this.handlers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.handlers));
		this.disableExistingLoggers = b.disableExistingLoggers;
		this.incremental = b.incremental;
		for (Map.Entry<String, LoggerSpec> e : loggersWithRoot().entrySet()) {
			if (incremental) {
				break; // handlers stay as they are
			}
			for (String h : e.getValue().handlers()) {
				if (!handlers.containsKey(h)) {
					throw new IllegalArgumentException("logger '" + e.getKey() + "' names handler '" + h
							+ "', which is not defined (defined: " + handlers.keySet() + ")");
				}
			}
		}
	}

	/** {@return a builder for an empty plan} */
	public static Builder builder() {
		return new Builder();
	}

	/** {@return the root logger's spec; null only in an incremental plan that leaves the root alone} */
	public LoggerSpec root() {
		return root;
	}

	/** {@return the named loggers (not the root)} */
	public Map<String, LoggerSpec> loggers() {
		return loggers;
	}

	/** {@return the plan's handlers by name} */
	public Map<String, HandlerSpec> handlers() {
		return handlers;
	}

	/** {@return Python's {@code disable_existing_loggers}: see {@link Sluice#apply}} */
	public boolean disableExistingLoggers() {
		return disableExistingLoggers;
	}

	/** {@return Python's {@code incremental}: the plan changes levels of a running plan only} */
	public boolean incremental() {
		return incremental;
	}

	/**
	 * The full-ingress policy this plan sets when applied (a dictConfig's {@code sluice} section),
	 * or null to keep the pipeline's.
	 *
	 * @return the full-ingress policy this plan sets when applied (a dictConfig's {@code sluice} section)
	 */
	public IngressFullPolicy ingressFullPolicy() {
		return ingressFullPolicy;
	}

	/**
	 * The spec of logger {@code name} ("root" or "" for the root), or null when not named.
	 *
	 * @param name the logger's dotted name ({@code "root"} for the root logger)
	 * @return the spec of logger {@code name} ("root" or "" for the root), or null when not named
	 */
	public LoggerSpec logger(String name) {
		if (name.isEmpty() || Hierarchy.ROOT_NAME.equals(name)) {
			return root;
		}
		return loggers.get(name);
	}

	private Map<String, LoggerSpec> loggersWithRoot() {
		Map<String, LoggerSpec> all = new LinkedHashMap<>(loggers);
		if (root != null) {
			all.put(Hierarchy.ROOT_NAME, root);
		}
		return all;
	}

	/**
	 * This plan with an incremental plan's changes (Python's {@code incremental}): the named
	 * loggers' levels and propagate, the root's level; handlers stay.
	 *
	 * @param changes an incremental plan
	 * @return this plan with an incremental plan's changes (Python's {@code incremental})
	 */
	public RoutingPlan withIncremental(RoutingPlan changes) {
		Builder b = toBuilder().incremental(false);
		if (changes.root() != null) {
			b.root(root().withLevel(changes.root().level()).withPropagate(changes.root().propagate()));
		}
		changes.loggers().forEach((name, spec) -> {
			LoggerSpec old = loggers().getOrDefault(name, LoggerSpec.INHERIT);
			b.logger(name, old.withLevel(spec.level()).withPropagate(spec.propagate()));
		});
		return b.build();
	}

	/** {@return a copy of this plan to edit} */
	public Builder toBuilder() {
		Builder b = new Builder();
		b.root = root;
		b.loggers.putAll(loggers);
		b.handlers.putAll(handlers);
		b.disableExistingLoggers = disableExistingLoggers;
		b.incremental = incremental;
		b.ingressFullPolicy = ingressFullPolicy;
		return b;
	}

	@Override
	public String toString() {
		return "RoutingPlan{root=" + root + ", loggers=" + loggers + ", handlers=" + handlers.keySet()
				+ (incremental ? ", incremental" : "") + '}';
	}

	/** Builds a {@link RoutingPlan}. */
	public static final class Builder {

		private LoggerSpec root;
		private final Map<String, LoggerSpec> loggers = new LinkedHashMap<>();
		private final Map<String, HandlerSpec> handlers = new LinkedHashMap<>();
		private boolean disableExistingLoggers = false;
		private boolean incremental = false;
		private IngressFullPolicy ingressFullPolicy;

		private Builder() {
		}

		/**
		 * The full-ingress policy to set when the plan is applied; null (default): keep the pipeline's.
		 *
		 * @param policy what a call does when the ingress is full
		 * @return this builder
		 */
		public Builder ingressFullPolicy(IngressFullPolicy policy) {
			this.ingressFullPolicy = policy;
			return this;
		}

		/**
		 * The root logger.
		 *
		 * @param spec the root logger's level, handlers and filters
		 * @return this builder
		 */
		public Builder root(LoggerSpec spec) {
			this.root = Objects.requireNonNull(spec, "root");
			return this;
		}

		/**
		 * The logger called {@code name} ("" or "root": the root logger).
		 *
		 * @param name the logger's dotted name ({@code "root"} for the root logger)
		 * @param spec its level, handlers, propagate and filters
		 * @return this builder
		 */
		public Builder logger(String name, LoggerSpec spec) {
			Objects.requireNonNull(name, "name");
			if (name.isEmpty() || Hierarchy.ROOT_NAME.equals(name)) {
				return root(spec);
			}
			loggers.put(name, Objects.requireNonNull(spec, "spec"));
			return this;
		}

		/**
		 * A handler, by its name (a second one of the same name replaces the first).
		 *
		 * @param spec the handler, by its name
		 * @return this builder
		 */
		public Builder handler(HandlerSpec spec) {
			handlers.put(spec.name(), spec);
			return this;
		}

		/**
		 * Python's {@code disable_existing_loggers} (default true).
		 *
		 * @param value whether the first configuration disables the loggers that exist before it
		 * @return this builder
		 */
		public Builder disableExistingLoggers(boolean value) {
			this.disableExistingLoggers = value;
			return this;
		}

		/**
		 * Python's {@code incremental} (default false).
		 *
		 * @param value whether the plan only changes a running plan's levels
		 * @return this builder
		 */
		public Builder incremental(boolean value) {
			this.incremental = value;
			return this;
		}

		/**
		 * The plan; the root defaults to WARNING with no handlers (in an incremental plan: unchanged).
		 *
		 * @return the plan
		 * @throws IllegalArgumentException if a logger names a handler that is not defined
		 */
		public RoutingPlan build() {
			return new RoutingPlan(this);
		}
	}
}
