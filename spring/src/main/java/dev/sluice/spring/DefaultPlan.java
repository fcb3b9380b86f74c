package dev.sluice.spring;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.springframework.boot.logging.LogFile;
import org.springframework.core.env.Environment;

import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.console.ConsoleSink;
import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;

/**
 * The plan a Spring Boot application gets without a dictConfig file: the root logger at INFO
 * (Boot's default, not Python's WARNING, so that Boot's startup lines show) writing to stdout in
 * a layout shaped like Boot's console pattern, plus a file handler when Boot's
 * {@code logging.file.name} or {@code logging.file.path} is set and a {@code logging.FileHandler}
 * provider (module {@code sinks/file}) is on the class path.
 *
 * <p>Properties: {@code sluice.console.format} (a Python {@code %}-style format) and
 * {@code sluice.console.datefmt} replace the layout.
 */
final class DefaultPlan {

	/** Boot's console pattern, in Python's words: time, level, pid, thread, logger, message. */
	static final String FORMAT = "%(asctime)s.%(msecs)03d %(levelname)7s %(process)d --- "
			+ "[%(threadName)15.15s] %(name)-40.40s : %(message)s";
	static final String DATEFMT = "%Y-%m-%dT%H:%M:%S";
	static final String CONSOLE = "console";
	static final String FILE = "file";
	/** Where events go without a dictConfig (no store is configured): nowhere, counted as delivered. */
	static final String EVENTS_DISCARD = "events-without-store";
	private static final dev.sluice.pipeline.sink.Sink NO_STORE = batch -> reactor.core.publisher.Mono.empty();

	private DefaultPlan() {
	}

	/**
	 * @throws IllegalArgumentException naming the property when the format is invalid
	 */
	static RoutingPlan of(Environment env, LogFile logFile, SinkEnvironment sinks) {
		String format = env.getProperty("sluice.console.format", FORMAT);
		String datefmt = env.getProperty("sluice.console.datefmt", DATEFMT);
		String bootPattern = env.getProperty("logging.pattern.console");
		if (bootPattern != null && env.getProperty("sluice.console.format") == null) {
			// Boot's own property, a Logback pattern: translated into Python's format
			try {
				LogbackPatterns.Translated t = LogbackPatterns.translate(bootPattern);
				format = t.format();
				datefmt = t.datefmt();
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("logging.pattern.console: " + e.getMessage(), e);
			}
		}
		PythonFormatter layout;
		try {
			layout = PythonFormatter.builder().format(format).datefmt(datefmt).build();
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException((bootPattern != null ? "logging.pattern.console" : "sluice.console.format")
					+ ": " + e.getMessage(), e);
		}
		PythonFormatter fileText = layout;
		String filePattern = env.getProperty("logging.pattern.file");
		if (filePattern != null) {
			try {
				LogbackPatterns.Translated t = LogbackPatterns.translate(filePattern);
				fileText = PythonFormatter.builder().format(t.format()).datefmt(t.datefmt()).build();
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("logging.pattern.file: " + e.getMessage(), e);
			}
		}
		dev.sluice.pipeline.sink.Layout chosen = correlated(structured(env, "console", layout, sinks), layout, datefmt);
		boolean ansi = chosen instanceof CorrelatedLayout && AnsiConsoleLayout.enabled(env);
		// Boot's default line in Boot's colours, on a terminal
		dev.sluice.pipeline.sink.Layout consoleLayout = ansi ? new AnsiConsoleLayout(datefmt) : chosen;
		java.nio.charset.Charset consoleCharset = charset(env, "console");
		String fileCharset = charset(env, "file").name(); // checked even without a file: a typo is said at once
		HandlerSpec console = HandlerSpec.of(CONSOLE,
				() -> new ConsoleSink(System.out, consoleLayout, "\n", consoleCharset))
				.withIdentity(List.of(DefaultPlan.class.getName(), CONSOLE, format, String.valueOf(datefmt), consoleCharset.name(),
						String.valueOf(env.getProperty(STRUCTURED + "console")), String.valueOf(ansi)))
				.withNeedsLocation(consoleLayout.needsLocation()).withBuffer(dev.sluice.pipeline.BufferSpec.LOSSLESS)
				.withLevel(threshold(env, "console"));
		RoutingPlan.Builder plan = RoutingPlan.builder().handler(console);
		if (AccessRecorder.EVENTS) {
			// With the event log on the class path each access record is also an event record on
			// sluice.events; without a dictConfig there is no store for it, and printing it would
			// print every access line twice: events stop at their own logger, which keeps them.
			plan.handler(HandlerSpec.ofSink(EVENTS_DISCARD, NO_STORE))
					.logger("sluice.events", LoggerSpec.of(Level.INFO, EVENTS_DISCARD).withPropagate(false));
		}
		if (logFile == null) {
			return plan.root(LoggerSpec.of(Level.INFO, CONSOLE)).build();
		}
		String path = logFile.toString();
		SinkProvider files = fileProvider();
		if (files == null) {
			sinks.status().warn("spring", "logging.file is set (" + path + ") but no logging.FileHandler provider is "
					+ "on the class path (add dev.sluice:sluice-sink-file); logging to the console only");
			return plan.root(LoggerSpec.of(Level.INFO, CONSOLE)).build();
		}
		dev.sluice.pipeline.sink.Layout fileLayout = correlated(structured(env, "file", fileText, sinks), fileText, datefmt);
		SinkSpec spec = new SinkSpec(FILE, "logging.FileHandler", SinkOptions.of(Map.of("filename", path, "encoding",
				fileCharset)), fileLayout, sinks);
		HandlerSpec file = HandlerSpec.of(FILE, () -> files.create(spec))
				.withIdentity(List.of(DefaultPlan.class.getName(), FILE, path, fileCharset, fileText.formatString(),
						String.valueOf(datefmt),
						String.valueOf(env.getProperty(STRUCTURED + "file"))))
				.withNeedsLocation(fileLayout.needsLocation()).withBuffer(dev.sluice.pipeline.BufferSpec.LOSSLESS)
				.withLevel(threshold(env, "file"));
		return plan.handler(file).root(LoggerSpec.of(Level.INFO, CONSOLE, FILE)).build();
	}

	/**
	 * Boot's {@code logging.charset.console|file} (default UTF-8, as Boot's).
	 *
	 * @throws IllegalArgumentException naming the property when the JVM has no such charset
	 */
	static java.nio.charset.Charset charset(Environment env, String target) {
		String name = env.getProperty("logging.charset." + target);
		if (name == null || name.isBlank()) {
			return StandardCharsets.UTF_8;
		}
		try {
			return java.nio.charset.Charset.forName(name.trim());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("logging.charset." + target + ": expected a charset this JVM has, found '"
					+ name + "'", e);
		}
	}

	/** Boot's default line (no format of the user's, not structured) shows the OperationId when there is one. */
	private static dev.sluice.pipeline.sink.Layout correlated(dev.sluice.pipeline.sink.Layout chosen, PythonFormatter text,
			String datefmt) {
		return chosen == text && FORMAT.equals(text.formatString()) ? new CorrelatedLayout(text, datefmt) : chosen;
	}

	/** Boot's {@code logging.threshold.console|file}: the handler's level (OFF: nothing passes); NOTSET when unset. */
	static Level threshold(Environment env, String target) {
		String v = env.getProperty("logging.threshold." + target);
		if (v == null || v.isBlank()) {
			return Level.NOTSET;
		}
		if ("OFF".equalsIgnoreCase(v.trim())) {
			return Level.of(Integer.MAX_VALUE - 1);
		}
		try {
			return Level.parse(v);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("logging.threshold." + target + ": " + e.getMessage(), e);
		}
	}

	/** Boot's structured logging properties: {@code logging.structured.format.console|file}. */
	static final String STRUCTURED = "logging.structured.format.";

	/**
	 * The layout Boot's {@code logging.structured.format.<target>} asks for: {@code ecs} is
	 * Sluice's ECS JSON layout (service name from {@code spring.application.name}), {@code logstash}
	 * the Logstash JSON layout with Boot's field names, {@code gelf} the GELF layout (host and
	 * version from {@code logging.structured.gelf.*}, else the application's name and version); any other
	 * format is named as unsupported on the status logger and the text layout stays.
	 */
	static dev.sluice.pipeline.sink.Layout structured(Environment env, String target, PythonFormatter text,
			SinkEnvironment sinks) {
		String format = env.getProperty(STRUCTURED + target);
		if (format == null || format.isBlank()) {
			return text;
		}
		if ("ecs".equalsIgnoreCase(format.trim())) {
			return dev.sluice.layouts.EcsJsonLayout.builder()
					.serviceName(env.getProperty("spring.application.name")).build();
		}
		if ("logstash".equalsIgnoreCase(format.trim())) {
			return dev.sluice.layouts.LogstashJsonLayout.systemZone();
		}
		if ("gelf".equalsIgnoreCase(format.trim())) {
			// Boot's own properties, and its defaults: the application's name and version
			return dev.sluice.layouts.GelfJsonLayout.builder()
					.host(env.getProperty("logging.structured.gelf.host", env.getProperty("spring.application.name", "")))
					.serviceVersion(env.getProperty("logging.structured.gelf.service.version",
							env.getProperty("spring.application.version", "")))
					.build();
		}
		sinks.status().warn("spring", STRUCTURED + target + "=" + format + " is not supported by Sluice (ecs, logstash and gelf are);"
				+ " the " + target + " keeps its text format");
		return text;
	}

	private static SinkProvider fileProvider() {
		for (SinkProvider p : ServiceLoader.load(SinkProvider.class, DefaultPlan.class.getClassLoader())) {
			if (p.classNames().contains("logging.FileHandler")) {
				return p;
			}
		}
		return null;
	}
}
