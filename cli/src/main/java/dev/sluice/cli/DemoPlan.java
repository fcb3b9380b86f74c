package dev.sluice.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import dev.sluice.events.Events;
import dev.sluice.pipeline.BufferSpec;
import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;

/**
 * The demo's embedded configuration: WARNING and above on the console, every record to the file
 * sink when its module is on the class path (found by class name through the SinkProvider SPI,
 * exactly as a config file would find it), writing under {@code ./sluice-data/}; and the event log:
 * logger {@value Events#LOGGER_NAME} (INFO, not propagated) to an events handler whose H2 store is
 * {@code events.mv.db} in the same directory.
 */
final class DemoPlan {

	/** Jibe's "detailed" format. */
	static final String DETAILED = "%(asctime)s - %(name)s - %(threadName)s - %(levelname)s - %(message)s";

	private DemoPlan() {
	}

	static RoutingPlan build(SinkEnvironment env, Path dataDir) {
		Layout layout = Layouts.detailed();
		RoutingPlan.Builder plan = RoutingPlan.builder();
		List<String> rootHandlers = new java.util.ArrayList<>();

		Map<String, Object> console = new LinkedHashMap<>();
		console.put("stream", "ext://sys.stdout");
		sink(env, "console", "logging.StreamHandler", console, layout).ifPresent(h -> {
			plan.handler(h.withLevel(Level.WARNING));
			rootHandlers.add("console");
		});

		Map<String, Object> file = new LinkedHashMap<>();
		file.put("filename", dataDir.resolve("demo.log").toString());
		file.put("maxBytes", 50 * 1024 * 1024);
		file.put("backupCount", 3);
		file.put("encoding", "utf8");
		sink(env, "file", "logging.handlers.RotatingFileHandler", file, layout).ifPresent(h -> {
			// room for the whole default burst: the demo shows what was delivered, not how a small buffer drops
			plan.handler(h.withBuffer(BufferSpec.DEFAULT.withCapacity(1 << 18)));
			rootHandlers.add("file");
		});

		Map<String, Object> events = new LinkedHashMap<>();
		events.put("path", eventsPath(dataDir).toAbsolutePath().toString());
		events.put("retention_days", 0); // a demo's events are kept until the directory is removed
		events.put("max_events", 0);
		sink(env, "events", "sluice.events", events, layout).ifPresent(h -> {
			plan.handler(h.withBuffer(BufferSpec.DEFAULT.withCapacity(1 << 17)));
			plan.logger(Events.LOGGER_NAME, Events.loggerSpec("events"));
		});

		plan.root(LoggerSpec.of(Level.DEBUG, rootHandlers.toArray(new String[0])));
		return plan.build();
	}

	/** Where the demo's event database is ({@code .mv.db} added by H2): the {@code --db} of {@code sluice events}. */
	static Path eventsPath(Path dataDir) {
		return dataDir.resolve("events");
	}

	/** A handler for {@code className} if a provider for it is on the class path. */
	private static Optional<HandlerSpec> sink(SinkEnvironment env, String name, String className,
			Map<String, Object> options, Layout layout) {
		for (SinkProvider p : ServiceLoader.load(SinkProvider.class)) {
			if (p.classNames().contains(className)) {
				SinkSpec spec = new SinkSpec(name, className, new SinkOptions("/handlers/" + name, options), layout, env);
				return Optional.of(HandlerSpec.of(name, () -> p.create(spec)).withIdentity(name + options)
						.withNeedsLocation(layout.needsLocation()));
			}
		}
		return Optional.empty();
	}
}
