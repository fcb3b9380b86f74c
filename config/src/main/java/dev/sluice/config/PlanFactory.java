package dev.sluice.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RecordFilter;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.sink.options.ConfigProblem;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.options.Suggestions;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Turns a validated {@link LoggingConfig} into a {@link RoutingPlan}, and probes handler options. */
final class PlanFactory {

	private PlanFactory() {
	}

	/**
	 * The plan of {@code config}, whose sinks are made (by their providers, with {@code env}) when
	 * the plan is applied. In an incremental config a logger without a level keeps its level in
	 * {@code current} (may be null).
	 */
	static RoutingPlan plan(LoggingConfig config, SinkProviders providers, SinkEnvironment env, RoutingPlan current) {
		if (config.incremental() && current != null) {
			return incremental(config, current);
		}
		if (config.incremental() && !config.handlerLevels().isEmpty()) {
			// as CPython: an incremental config only changes running handlers, and none runs yet
			List<ConfigProblem> missing = new ArrayList<>();
			config.handlerLevels().keySet().forEach(name -> missing.add(new ConfigProblem(config.source() + ":"
					+ Problems.child("/handlers", name), "no handler found with name '" + name + "': an incremental"
					+ " config changes the levels of running handlers only, and none runs before the first full config")));
			throw new InvalidConfigException(missing);
		}
		RoutingPlan.Builder b = RoutingPlan.builder().incremental(config.incremental())
				.disableExistingLoggers(config.disableExistingLoggers())
				.ingressFullPolicy(config.sluice().ingressFullPolicy());
		for (HandlerDef h : config.handlers().values()) {
			b.handler(handler(h, config, providers, env));
		}
		config.loggers().forEach((name, l) -> b.logger(name, logger(l, config, name, current)));
		if (config.root() != null) {
			b.root(logger(config.root(), config, "root", current));
		}
		return b.build();
	}

	/**
	 * Python's incremental config over the running plan: loggers' levels and propagate, and the
	 * levels of running handlers (whose sinks are kept: their identity is unchanged).
	 */
	private static RoutingPlan incremental(LoggingConfig config, RoutingPlan current) {
		RoutingPlan.Builder b = current.toBuilder().incremental(false);
		if (config.sluice().ingressFullPolicy() != null) {
			b.ingressFullPolicy(config.sluice().ingressFullPolicy());
		}
		config.loggers().forEach((name, l) -> {
			LoggerSpec old = current.loggers().getOrDefault(name, LoggerSpec.INHERIT);
			b.logger(name, old.withLevel(l.level() != null ? l.level() : old.level()).withPropagate(l.propagate()));
		});
		if (config.root() != null && current.root() != null) {
			LoggerSpec old = current.root();
			b.root(old.withLevel(config.root().level() != null ? config.root().level() : old.level()));
		}
		List<ConfigProblem> missing = new ArrayList<>();
		config.handlerLevels().forEach((name, level) -> {
			HandlerSpec running = current.handlers().get(name);
			if (running == null) {
				missing.add(new ConfigProblem(config.source() + ":" + Problems.child("/handlers", name), "handler '" + name
						+ "' is not running, so an incremental config cannot change its level; running: "
						+ String.join(", ", current.handlers().keySet())));
			}
			else if (running.identity() instanceof SinkAppliedLevel) {
				missing.add(new ConfigProblem(config.source() + ":" + Problems.child("/handlers", name), "handler '" + name
						+ "' applies its level in its sink, which was made for level " + ((SinkAppliedLevel) running
						.identity()).level() + ", so an incremental config cannot change it: load a full config"
						+ " (incremental: false) with the new level"));
			}
			else {
				b.handler(running.withLevel(level));
			}
		});
		if (!missing.isEmpty()) {
			throw new InvalidConfigException(missing);
		}
		return b.build();
	}

	private static LoggerSpec logger(LoggerDef l, LoggingConfig config, String name, RoutingPlan current) {
		Level level = l.level();
		if (level == null) {
			LoggerSpec now = current != null && config.incremental() ? current.logger(name) : null;
			level = now != null ? now.level() : "root".equals(name) ? Level.WARNING : Level.NOTSET;
		}
		return LoggerSpec.of(level, l.handlers().toArray(new String[0])).withPropagate(l.propagate())
				.withFilters(filters(l.filters(), config));
	}

	private static List<RecordFilter> filters(List<String> names, LoggingConfig config) {
		List<RecordFilter> out = new ArrayList<>(names.size());
		for (String n : names) {
			out.add(Filters.of(config.filters().get(n)));
		}
		return out;
	}

	private static HandlerSpec handler(HandlerDef h, LoggingConfig config, SinkProviders providers,
			SinkEnvironment env) {
		SinkProvider provider = providers.find(h.className());
		if (provider == null) {
			throw new IllegalStateException(providers.unknownClass(h.className()));
		}
		Layout layout = Formatters.layout(h.formatterDef());
		String pointer = Problems.child("/handlers", h.name());
		String source = config.source();
		Level routing = provider.routingLevel(h.level(), h.options());
		// A sink that applies its handler's level itself (routing below it) was made for that
		// level: a reload that changes the level makes a new sink instead of keeping the old one.
		Object identity = routing.value() == h.level().value() ? h.identity() : new SinkAppliedLevel(h.identity(), h.level());
		return HandlerSpec.of(h.name(), () -> make(provider, h, pointer, layout, env, source))
				.withIdentity(identity)
				.withLevel(routing)
				.withFilters(filters(h.filters(), config))
				.withBuffer(h.buffer())
				.withNeedsLocation(layout.needsLocation());
	}

	private static Sink make(SinkProvider provider, HandlerDef h, String pointer, Layout layout, SinkEnvironment env,
			String source) {
		try {
			return provider.create(new SinkSpec(h.name(), h.className(), new SinkOptions(pointer, h.options()), layout,
					env, h.level()));
		}
		catch (InvalidConfigException e) {
			List<ConfigProblem> located = new ArrayList<>();
			for (ConfigProblem p : e.problems()) {
				located.add(p.location().startsWith(source + ":") ? p : p.inFile(source));
			}
			throw new InvalidConfigException(located);
		}
	}

	/**
	 * Lets each handler's provider validate its options by making the sink and closing it again
	 * (as Python's dictConfig makes its handlers), adding each problem. Handlers whose identity
	 * is in {@code known} were probed before and are skipped. Blocks while sinks close: call off
	 * Reactor's non-blocking threads.
	 */
	static void probe(java.util.Collection<HandlerDef> handlers, SinkProviders providers, SinkEnvironment env,
			Set<HandlerIdentity> known, Problems problems) {
		SinkEnvironment probeEnv = new SinkEnvironment(env.clock(), env.status(), env.baseDirectory(),
				new SimpleMeterRegistry(), name -> records -> { });
		for (HandlerDef h : handlers) {
			if (known.contains(h.identity())) {
				continue;
			}
			String pointer = Problems.child("/handlers", h.name());
			Sink sink;
			try {
				sink = providers.find(h.className()).create(new SinkSpec(h.name(), h.className(),
						new SinkOptions(pointer, h.options()), Formatters.layout(h.formatterDef()), probeEnv, h.level()));
			}
			catch (InvalidConfigException e) {
				for (ConfigProblem p : e.problems()) {
					if (!problems.hasAt(p.location())) { // one problem per place: Sluice's own check said it first
						problems.addAll(List.of(withHandlerKeySuggestion(p, pointer)));
					}
				}
				continue;
			}
			catch (RuntimeException e) {
				problems.add(pointer + "/class", "expected handler class '" + h.className() + "' to accept this"
						+ " definition, found an error: " + e);
				continue;
			}
			try {
				sink.close().block(Duration.ofSeconds(10));
			}
			catch (RuntimeException e) {
				env.status().warn("config", "closing the probe sink of handler '" + h.name() + "' failed: " + e);
			}
		}
	}

	/** A provider's "unknown option 'formater'" becomes "did you mean 'formatter'?" when it is a handler key. */
	private static ConfigProblem withHandlerKeySuggestion(ConfigProblem p, String pointer) {
		String prefix = pointer + "/";
		if (!p.location().startsWith(prefix) || !p.message().startsWith("unknown option '")) {
			return p;
		}
		String key = p.location().substring(prefix.length());
		List<String> reserved = new ArrayList<>(HandlerReader.HANDLER_KEYS);
		reserved.addAll(HandlerReader.BUFFER_KEYS);
		String suggestion = Suggestions.closest(key, reserved);
		if (suggestion == null || p.message().contains("(did you mean")) {
			return p;
		}
		return new ConfigProblem(p.location(), "unknown key '" + key + "' (did you mean '" + suggestion + "'?)");
	}

	/**
	 * The identity of a handler whose sink applies the handler's level itself
	 * ({@link SinkProvider#routingLevel} below it): its definition and that level.
	 */
	record SinkAppliedLevel(HandlerIdentity definition, Level level) {
	}
}
