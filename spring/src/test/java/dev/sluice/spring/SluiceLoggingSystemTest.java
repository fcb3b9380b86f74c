package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.testkit.RecordingSink;

/** The logging system on a private pipeline: levels both ways, the logger list, drain on clean-up. */
class SluiceLoggingSystemTest {

	private final Sluice sluice = Sluice.builder().shutdownHook(false).build();
	private final SluiceLoggingSystem system = new SluiceLoggingSystem(() -> sluice);

	@AfterEach
	void close() {
		sluice.close();
	}

	private static LoggingInitializationContext context(Map<String, Object> properties) {
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return new LoggingInitializationContext(env);
	}

	@Test
	void withoutAConfigFileTheRootLogsInfoToTheConsole() {
		system.beforeInitialize();
		system.initialize(context(Map.of()), null, null);
		assertThat(sluice.plan().root().level()).isEqualTo(Level.INFO);
		// the event log is on this class path: its records stop at sluice.events, so that an access
		// record is printed once, not also as its event
		assertThat(sluice.plan().handlers()).containsOnlyKeys("console", DefaultPlan.EVENTS_DISCARD);
		assertThat(sluice.plan().logger("sluice.events").propagate()).isFalse();
		assertThat(system.getLoggerConfiguration("ROOT")).isEqualTo(new LoggerConfiguration("ROOT", LogLevel.INFO,
				LogLevel.INFO));
	}

	@Test
	void bootLevelsMapToPythonLevelsAndBack() {
		system.initialize(context(Map.of()), null, null);
		Map<LogLevel, Level> expected = Map.of(LogLevel.TRACE, Level.TRACE, LogLevel.DEBUG, Level.DEBUG, LogLevel.INFO,
				Level.INFO, LogLevel.WARN, Level.WARNING, LogLevel.ERROR, Level.ERROR, LogLevel.FATAL, Level.CRITICAL);
		expected.forEach((boot, python) -> {
			system.setLogLevel("com.example", boot);
			assertThat(sluice.logger("com.example").effectiveLevel()).isEqualTo(python);
			assertThat(system.getLoggerConfiguration("com.example").getConfiguredLevel()).isEqualTo(boot);
			assertThat(system.getLoggerConfiguration("com.example.child").getEffectiveLevel()).isEqualTo(boot);
			assertThat(system.getLoggerConfiguration("com.example.child").getConfiguredLevel()).isNull();
		});
		system.setLogLevel("com.example", LogLevel.OFF);
		assertThat(sluice.logger("com.example").isEnabled(Level.CRITICAL)).isFalse();
		assertThat(system.getLoggerConfiguration("com.example").getConfiguredLevel()).isEqualTo(LogLevel.OFF);
		system.setLogLevel("com.example", null);
		assertThat(system.getLoggerConfiguration("com.example").getConfiguredLevel()).isNull();
		assertThat(sluice.logger("com.example").effectiveLevel()).isEqualTo(Level.INFO);
		// a null root level restores the configured root, it does not open the flood gates
		system.setLogLevel(null, LogLevel.ERROR);
		assertThat(sluice.root().effectiveLevel()).isEqualTo(Level.ERROR);
		system.setLogLevel("ROOT", null);
		assertThat(sluice.root().effectiveLevel()).isEqualTo(Level.INFO);
		assertThat(system.getSupportedLogLevels()).containsExactlyInAnyOrder(LogLevel.values());
	}

	@Test
	void pythonsCustomLevelsRoundUpToTheBootLevelThatLetsTheSameRecordsThrough() {
		assertThat(Levels.toBoot(Level.of(25))).isEqualTo(LogLevel.WARN);
		assertThat(Levels.toBoot(Level.NOTSET)).isEqualTo(LogLevel.TRACE);
		assertThat(Levels.toBoot(Level.of(45))).isEqualTo(LogLevel.FATAL);
		assertThat(Levels.toBoot(Levels.OFF)).isEqualTo(LogLevel.OFF);
	}

	@Test
	void loggerConfigurationsListRootFirstThenEveryLoggerByName() {
		system.initialize(context(Map.of()), null, null);
		sluice.logger("b.y");
		sluice.logger("a.x");
		system.setLogLevel("c", LogLevel.WARN);
		// sluice.events: the event log's logger, which the default plan keeps to itself (see below)
		assertThat(system.getLoggerConfigurations()).extracting(LoggerConfiguration::getName)
				.containsExactly("ROOT", "a", "a.x", "b", "b.y", "c", "sluice.events");
	}

	@Test
	void cleanUpDrainsEverySinkAndStopsThePipeline() {
		RecordingSink sink = new RecordingSink();
		sluice.apply(RoutingPlan.builder().handler(HandlerSpec.ofSink("rec", sink))
				.root(LoggerSpec.of(Level.INFO, "rec")).build()).block();
		for (int i = 0; i < 5_000; i++) {
			sluice.logger("app").info("record {}", i);
		}
		system.cleanUp();
		ShutdownReport report = sluice.shutdown(java.time.Duration.ofSeconds(1)).block();
		assertThat(sink.records()).hasSize(5_000);
		assertThat(sink.closed()).isTrue();
		assertThat(report.sinks().get("rec").delivered()).isEqualTo(5_000);
	}

	@Test
	void aBadConsoleFormatNamesTheProperty() {
		assertThatThrownBy(() -> system.initialize(context(Map.of("sluice.console.format", "%(message")), null, null))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sluice.console.format");
	}

	@Test
	void aMissingConfigFileNamesTheProperty() {
		assertThatThrownBy(() -> system.initialize(context(Map.of("sluice.config", "/nonexistent/logging.yaml")),
				null, null)).hasMessageContaining("sluice.config").hasMessageContaining("/nonexistent/logging.yaml");
	}

	@Test
	void aMissingBootLoggingConfigNamesThatProperty() {
		assertThatThrownBy(() -> system.initialize(context(Map.of()), "/nonexistent/boot-logging.yaml", null))
				.hasMessageContaining("logging.config").hasMessageContaining("/nonexistent/boot-logging.yaml");
	}

	@Test
	void aClasspathConfigInsideAJarIsReadOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		// a packaged application: the resource is inside a jar, not a file Sluice could watch
		java.nio.file.Path jar = dir.resolve("app.jar");
		try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
			out.putNextEntry(new java.util.jar.JarEntry("jarred-logging.yaml"));
			out.write(("version: 1\nroot:\n  level: ERROR\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
			out.closeEntry();
		}
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, previous)) {
			Thread.currentThread().setContextClassLoader(loader);
			system.initialize(context(Map.of()), "classpath:jarred-logging.yaml", null);
		}
		finally {
			Thread.currentThread().setContextClassLoader(previous);
		}
		assertThat(sluice.plan().root().level()).isEqualTo(Level.ERROR);
	}

	@Test
	void bootsStructuredConsoleFormatEcsWritesEcsJson() throws Exception {
		java.io.PrintStream out = System.out;
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
		try {
			system.initialize(context(Map.of("logging.structured.format.console", "ecs", "spring.application.name", "orders")),
					null, null);
			sluice.logger("app").info("hello {}", "ecs");
			sluice.flush().block(java.time.Duration.ofSeconds(30));
		}
		finally {
			System.setOut(out);
		}
		String line = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
				.filter(l -> l.contains("hello ecs")).findFirst().orElseThrow();
		com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
		assertThat(json.get("message").asText()).isEqualTo("hello ecs");
		assertThat(json.get("log.level").asText()).isEqualTo("INFO");
		assertThat(json.get("log.logger").asText()).isEqualTo("app");
		assertThat(json.get("service.name").asText()).isEqualTo("orders");
		assertThat(json.has("@timestamp")).isTrue();
	}

	@Test
	void bootsStructuredConsoleFormatLogstashWritesBootsLogstashFields() throws Exception {
		java.io.PrintStream out = System.out;
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
		try {
			system.initialize(context(Map.of("logging.structured.format.console", "logstash")), null, null);
			sluice.logger("app").atWarn().attr("OrderId", 42).log("hello {}", "logstash");
			sluice.flush().block(java.time.Duration.ofSeconds(30));
		}
		finally {
			System.setOut(out);
		}
		String line = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
				.filter(l -> l.contains("hello logstash")).findFirst().orElseThrow();
		com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
		java.util.List<String> names = new java.util.ArrayList<>();
		json.fieldNames().forEachRemaining(names::add);
		assertThat(names).startsWith("@timestamp", "@version", "message", "logger_name", "thread_name", "level",
				"level_value");
		assertThat(json.get("@version").asText()).isEqualTo("1");
		assertThat(json.get("message").asText()).isEqualTo("hello logstash");
		assertThat(json.get("logger_name").asText()).isEqualTo("app");
		assertThat(json.get("level").asText()).isEqualTo("WARN");
		assertThat(json.get("level_value").asInt()).isEqualTo(30000);
		assertThat(json.get("OrderId").asInt()).isEqualTo(42);
		assertThat(java.time.OffsetDateTime.parse(json.get("@timestamp").asText())).isNotNull();
	}

	@Test
	void bootsStructuredConsoleFormatGelfWritesBootsGelfFields() throws Exception {
		java.io.PrintStream out = System.out;
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
		try {
			system.initialize(context(Map.of("logging.structured.format.console", "gelf", "spring.application.name", "orders",
					"logging.structured.gelf.service.version", "1.4")), null, null);
			sluice.logger("app").atWarn().attr("OrderId", 42).log("hello {}", "gelf");
			sluice.flush().block(java.time.Duration.ofSeconds(30));
		}
		finally {
			System.setOut(out);
		}
		String line = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
				.filter(l -> l.contains("hello gelf")).findFirst().orElseThrow();
		com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
		java.util.List<String> names = new java.util.ArrayList<>();
		json.fieldNames().forEachRemaining(names::add);
		assertThat(names).startsWith("version", "short_message", "timestamp", "level", "_level_name", "_process_pid",
				"_process_thread_name", "host", "_service_version", "_log_logger");
		assertThat(json.get("version").asText()).isEqualTo("1.1");
		assertThat(json.get("level").asInt()).isEqualTo(4);
		assertThat(json.get("host").asText()).isEqualTo("orders");
		assertThat(json.get("_service_version").asText()).isEqualTo("1.4");
		assertThat(json.get("_OrderId").asInt()).isEqualTo(42);
		assertThat(json.get("_process_pid").asLong()).isEqualTo(ProcessHandle.current().pid());
	}

	@Test
	void bootsCharsetPropertiesSetTheConsolesAndFilesEncoding() throws Exception {
		java.io.PrintStream out = System.out;
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
		try {
			system.initialize(context(Map.of("logging.charset.console", "ISO-8859-1")), null, null);
			sluice.logger("app").info("caf\u00e9 charset");
			sluice.flush().block(java.time.Duration.ofSeconds(30));
		}
		finally {
			System.setOut(out);
		}
		String line = bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1).lines()
				.filter(l -> l.contains("charset")).findFirst().orElseThrow();
		assertThat(line).endsWith("caf\u00e9 charset");
		assertThatThrownBy(() -> system.initialize(context(Map.of("logging.charset.file", "no-such-charset")), null, null))
				.hasMessageContaining("logging.charset.file").hasMessageContaining("no-such-charset");
	}

	@Test
	void bootsThresholdAndPatternPropertiesShapeTheConsole() {
		system.initialize(context(Map.of("logging.threshold.console", "WARN", "logging.pattern.console", "%p %m%n")), null,
				null);
		assertThat(sluice.plan().handlers().get("console").level()).isEqualTo(Level.WARNING);
		assertThatThrownBy(() -> system.initialize(context(Map.of("logging.pattern.console", "%m %marker")), null, null))
				.hasMessageContaining("logging.pattern.console").hasMessageContaining("%marker");
	}

	@Test
	void theFullIngressPolicyComesFromSpringProperties() {
		assertThat(SluiceLoggingSystem.ingressFullPolicy(context(Map.of("sluice.ingress.full", "drop")).getEnvironment()))
				.isEqualTo(dev.sluice.pipeline.IngressFullPolicy.drop());
		assertThat(SluiceLoggingSystem.ingressFullPolicy(context(Map.of("sluice.ingress.wait", "250ms")).getEnvironment()))
				.isEqualTo(dev.sluice.pipeline.IngressFullPolicy.waitForRoom(java.time.Duration.ofMillis(250)));
		assertThat(SluiceLoggingSystem.ingressFullPolicy(context(Map.of()).getEnvironment())).isNull();
		system.initialize(context(Map.of("sluice.ingress.full", "drop")), null, null);
		assertThat(sluice.plan().ingressFullPolicy()).isEqualTo(dev.sluice.pipeline.IngressFullPolicy.drop());
		assertThatThrownBy(() -> system.initialize(context(Map.of("sluice.ingress.full", "spin")), null, null))
				.hasMessageContaining("sluice.ingress.full");
	}
}
