package dev.sluice.config;

import static dev.sluice.config.ConfigTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.sluice.config.testing.RecordingSinkProvider;
import dev.sluice.context.Attributes;
import dev.sluice.pipeline.BufferSpec;
import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.OverflowPolicy;
import dev.sluice.pipeline.RecordFilter;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.SinkEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every dictConfig feature, read from a file and checked in the model and the plan. */
class SchemaTest {

	@TempDir
	Path dir;

	private LoggingConfig read(String text) {
		return read("logging.json", text, Map.of());
	}

	private LoggingConfig read(String name, String text, Map<String, String> env) {
		return ConfigTestSupport.loader(dir, env).read(ConfigTestSupport.write(dir, name, text));
	}

	private RoutingPlan plan(LoggingConfig c) {
		return ConfigLoader.defaults().plan(c, SinkEnvironment.defaults().withBaseDirectory(dir));
	}

	/** The text the handler's sink formats {@code r} as. */
	private static String formatted(RoutingPlan plan, String handler, LogRecord r) {
		RecordingSinkProvider.Recorded sink = (RecordingSinkProvider.Recorded) plan.handlers().get(handler)
				.sinkFactory().get();
		return sink.spec.layout().format(r);
	}

	private static LogRecord record(Level level, String logger, String message) {
		return LogRecord.builder(level, logger, message).time(Instant.parse("2020-07-29T00:00:11.491Z"))
				.thread("DoTask-02", 7).build();
	}

	@Test
	void formattersTakeEveryPythonKey() {
		RoutingPlan plan = plan(read(json("{'version': 1,"
				+ " 'formatters': {"
				+ "  'percent': {'format': '%(asctime)s %(levelname)-8s %(name)s: %(message)s', 'datefmt': '%H:%M:%S', 'utc': true},"
				+ "  'brace': {'format': '{levelname} {name} {message}', 'style': '{', 'class': 'logging.Formatter'},"
				+ "  'dollar': {'format': '$levelname $message', 'style': '$'},"
				+ "  'lenient': {'format': 'plain text', 'validate': false},"
				+ "  'factory': {'()': 'logging.Formatter', 'fmt': '%(threadName)s|%(message)s'},"
				+ "  'defaults': {'format': '%(message)s [%(region)s]', 'defaults': {'region': 'eu'}}},"
				+ " 'handlers': {"
				+ "  'p': {'class': 'recording', 'id': 'f-p', 'formatter': 'percent'},"
				+ "  'b': {'class': 'recording', 'id': 'f-b', 'formatter': 'brace'},"
				+ "  'd': {'class': 'recording', 'id': 'f-d', 'formatter': 'dollar'},"
				+ "  'l': {'class': 'recording', 'id': 'f-l', 'formatter': 'lenient'},"
				+ "  'f': {'class': 'recording', 'id': 'f-f', 'formatter': 'factory'},"
				+ "  'x': {'class': 'recording', 'id': 'f-x', 'formatter': 'defaults'},"
				+ "  'none': {'class': 'recording', 'id': 'f-none'}}}")));
		LogRecord r = record(Level.WARNING, "jibe.core", "Sync Delayed");
		assertThat(formatted(plan, "p", r)).isEqualTo("00:00:11 WARNING  jibe.core: Sync Delayed");
		assertThat(formatted(plan, "b", r)).isEqualTo("WARNING jibe.core Sync Delayed");
		assertThat(formatted(plan, "d", r)).isEqualTo("WARNING Sync Delayed");
		assertThat(formatted(plan, "l", r)).isEqualTo("plain text");
		assertThat(formatted(plan, "f", r)).isEqualTo("DoTask-02|Sync Delayed");
		assertThat(formatted(plan, "x", r)).isEqualTo("Sync Delayed [eu]");
		assertThat(formatted(plan, "x", LogRecord.builder(Level.INFO, "a", "m")
				.attributes(Attributes.of("region", "us")).build())).isEqualTo("m [us]");
		assertThat(formatted(plan, "none", r)).isEqualTo("Sync Delayed");
	}

	@Test
	void aLocationFormatMarksTheHandler() {
		RoutingPlan plan = plan(read(json("{'version': 1, 'formatters': {'loc': {'format': '%(funcName)s:%(lineno)d %(message)s'}},"
				+ " 'handlers': {'h': {'class': 'recording', 'id': 'loc', 'formatter': 'loc'},"
				+ "  'plain': {'class': 'recording', 'id': 'loc2'}}}")));
		assertThat(plan.handlers().get("h").needsLocation()).isTrue();
		assertThat(plan.handlers().get("plain").needsLocation()).isFalse();
	}

	@Test
	void filtersNameLevelRangeAndRegex() {
		RoutingPlan plan = plan(read(json("{'version': 1,"
				+ " 'filters': {"
				+ "  'provider': {'name': 'jibe.provider'},"
				+ "  'all': {},"
				+ "  'factory': {'()': 'logging.Filter', 'name': 'jibe'},"
				+ "  'range': {'min_level': 'INFO', 'max_level': 'WARNING'},"
				+ "  'loggers': {'logger_regex': '\\\\.sync$'},"
				+ "  'noisy': {'message_regex': 'heartbeat|ping', 'invert': true}},"
				+ " 'handlers': {'h': {'class': 'recording', 'id': 'flt', 'filters': ['range', 'noisy']}},"
				+ " 'loggers': {'jibe': {'filters': ['provider', 'all', 'factory', 'loggers']}}}")));
		List<RecordFilter> onLogger = plan.logger("jibe").filters();
		RecordFilter provider = onLogger.get(0);
		assertThat(provider.test(record(Level.INFO, "jibe.provider", "m"))).isTrue();
		assertThat(provider.test(record(Level.INFO, "jibe.provider.sync", "m"))).isTrue();
		assertThat(provider.test(record(Level.INFO, "jibe.providers", "m"))).isFalse();
		assertThat(provider.test(record(Level.INFO, "jibe", "m"))).isFalse();
		assertThat(onLogger.get(1).test(record(Level.INFO, "anything", "m"))).isTrue();
		assertThat(onLogger.get(2).test(record(Level.INFO, "jibe.core", "m"))).isTrue();
		assertThat(onLogger.get(2).test(record(Level.INFO, "jibex", "m"))).isFalse();
		assertThat(onLogger.get(3).test(record(Level.INFO, "jibe.provider.sync", "m"))).isTrue();
		assertThat(onLogger.get(3).test(record(Level.INFO, "jibe.provider.synced", "m"))).isFalse();
		List<RecordFilter> onHandler = plan.handlers().get("h").filters();
		assertThat(onHandler.get(0).test(record(Level.DEBUG, "a", "m"))).isFalse();
		assertThat(onHandler.get(0).test(record(Level.INFO, "a", "m"))).isTrue();
		assertThat(onHandler.get(0).test(record(Level.WARNING, "a", "m"))).isTrue();
		assertThat(onHandler.get(0).test(record(Level.ERROR, "a", "m"))).isFalse();
		assertThat(onHandler.get(1).test(record(Level.INFO, "a", "sent heartbeat 4"))).isFalse();
		assertThat(onHandler.get(1).test(record(Level.INFO, "a", "sync done"))).isTrue();
	}

	@Test
	void handlersLevelsOptionsFactoriesAndBuffers() {
		LoggingConfig c = read(json("{'version': 1, 'handlers': {"
				+ " 'h': {'class': 'recording', 'level': 'warn', 'id': 'h1', 'tag': 'a', 'stream': 'ext://sys.stdout',"
				+ "  'buffer_size': 64, 'overflow': 'drop_oldest', 'block_timeout': '250ms', 'discard_below': 'INFO',"
				+ "  'fill_mark': 0.5, 'max_batch': 16, 'linger': '150ms'},"
				+ " 'g': {'()': 'test.Recording', 'level': 40, 'id': 'h2', 'overflow': 'block', 'linger': 0.25}}}"));
		HandlerDef h = c.handlers().get("h");
		assertThat(h.level()).isEqualTo(Level.WARNING);
		assertThat(h.options()).containsOnlyKeys("id", "tag", "stream");
		assertThat(h.buffer()).isEqualTo(BufferSpec.DEFAULT.withCapacity(64).withPolicy(OverflowPolicy.DROP_OLDEST)
				.withBlockTimeout(Duration.ofMillis(250)).withDiscardBelow(Level.INFO, 0.5).withMaxBatch(16)
				.withLinger(Duration.ofMillis(150)));
		HandlerDef g = c.handlers().get("g");
		assertThat(g.className()).isEqualTo("test.Recording");
		assertThat(g.level()).isEqualTo(Level.ERROR);
		assertThat(g.buffer().policy()).isEqualTo(OverflowPolicy.BLOCK);
		assertThat(g.buffer().linger()).isEqualTo(Duration.ofMillis(250));
		RoutingPlan plan = plan(c);
		HandlerSpec spec = plan.handlers().get("h");
		assertThat(spec.level()).isEqualTo(Level.WARNING);
		assertThat(spec.buffer()).isEqualTo(h.buffer());
		RecordingSinkProvider.Recorded sink = (RecordingSinkProvider.Recorded) spec.sinkFactory().get();
		assertThat(sink.tag).isEqualTo("a");
		assertThat(sink.stream).isEqualTo("ext://sys.stdout");
		assertThat(sink.spec.options().pointer()).isEqualTo("/handlers/h");
	}

	@Test
	void loggersRootPropagateAndDisableExisting() {
		LoggingConfig c = read(json("{'version': 1, 'handlers': {'h': {'class': 'recording', 'id': 'lg'}},"
				+ " 'filters': {'f': {'name': 'a'}},"
				+ " 'loggers': {'a': {'level': 'DEBUG', 'propagate': false, 'handlers': ['h'], 'filters': ['f']},"
				+ "  'a.b': {}},"
				+ " 'root': {'level': 'ERROR', 'handlers': ['h']}}"));
		assertThat(c.disableExistingLoggers()).isTrue();
		RoutingPlan plan = plan(c);
		LoggerSpec a = plan.logger("a");
		assertThat(a.level()).isEqualTo(Level.DEBUG);
		assertThat(a.propagate()).isFalse();
		assertThat(a.handlers()).containsExactly("h");
		assertThat(a.filters()).hasSize(1);
		assertThat(plan.logger("a.b")).isNotNull();
		assertThat(plan.logger("a.b").level()).isEqualTo(Level.NOTSET);
		assertThat(plan.logger("a.b").propagate()).isTrue();
		assertThat(plan.root().level()).isEqualTo(Level.ERROR);
		assertThat(plan.disableExistingLoggers()).isTrue();
		LoggingConfig keep = read(json("{'version': 1, 'disable_existing_loggers': false, 'loggers': {'': {'level': 'INFO'}}}"));
		assertThat(keep.disableExistingLoggers()).isFalse();
		assertThat(keep.root().level()).isEqualTo(Level.INFO);
		assertThat(plan(keep).root().level()).isEqualTo(Level.INFO);
		assertThat(plan(read(json("{'version': 1}"))).root().level()).isEqualTo(Level.WARNING);
	}

	@Test
	void incrementalChangesOnlyLevelsAndPropagate() {
		RoutingPlan current = RoutingPlan.builder().logger("b", LoggerSpec.of(Level.ERROR)).build();
		LoggingConfig c = read(json("{'version': 1, 'incremental': true,"
				+ " 'formatters': {'ignored': {'format': '%(message)s'}},"
				+ " 'loggers': {'a': {'level': 'DEBUG', 'propagate': false}, 'b': {'propagate': false}},"
				+ " 'root': {'level': 'INFO'}}"));
		assertThat(c.incremental()).isTrue();
		assertThat(ConfigLoader.defaults().plan(c, SinkEnvironment.defaults()).incremental()).isTrue();
		// over the running plan: merged into a whole plan, unnamed parts as they are
		RoutingPlan plan = ConfigLoader.defaults().plan(c, SinkEnvironment.defaults(), current);
		assertThat(plan.incremental()).isFalse();
		assertThat(plan.handlers()).isEmpty();
		assertThat(plan.logger("a").level()).isEqualTo(Level.DEBUG);
		assertThat(plan.logger("a").propagate()).isFalse();
		assertThat(plan.logger("b").level()).isEqualTo(Level.ERROR);
		assertThat(plan.root().level()).isEqualTo(Level.INFO);
	}

	@Test
	void cfgReferencesAndSubstitutions() throws Exception {
		Files.writeString(dir.resolve("token.txt"), "file-secret\n");
		LoggingConfig c = read("logging.json", json("{'version': 1, 'handlers': {"
				+ "  'a': {'class': 'recording', 'id': '${env:SINK_ID}', 'tag': '${env:TAG:-fallback}', 'api_key': '${file:token.txt}'},"
				+ "  'b': {'class': 'recording', 'id': 'cfg://handlers.a.tag', 'tag': 'cfg://loggers.x.handlers[0]',"
				+ "   'api_key': 'literal-key', 'stream': 'ext://sys.stderr'},"
				+ "  'c': {'class': 'recording', 'id': 'costs $${env:NOT_SUBSTITUTED}'}},"
				+ " 'loggers': {'x': {'handlers': ['a']}}}"), Map.of("SINK_ID", "from-env"));
		HandlerDef a = c.handlers().get("a");
		assertThat(a.options().get("id")).isEqualTo("from-env");
		assertThat(a.options().get("tag")).isEqualTo("fallback");
		assertThat(a.options().get("api_key")).isEqualTo(Secret.of("file-secret"));
		HandlerDef b = c.handlers().get("b");
		assertThat(b.options().get("id")).isEqualTo("fallback");
		assertThat(b.options().get("tag")).isEqualTo("a");
		assertThat(b.options().get("api_key")).isEqualTo("literal-key");
		assertThat(b.toString()).doesNotContain("literal-key");
		assertThat(c.handlers().get("c").options().get("id")).isEqualTo("costs ${env:NOT_SUBSTITUTED}");
		RecordingSinkProvider.Recorded sink = (RecordingSinkProvider.Recorded) plan(c).handlers().get("a")
				.sinkFactory().get();
		assertThat(sink.apiKey.reveal()).isEqualTo("file-secret");
	}

	@Test
	void yamlReadsTheSame() {
		LoggingConfig yaml = read("logging.yaml", String.join("\n",
				"version: 1",
				"disable_existing_loggers: false",
				"formatters:",
				"  simple: {format: '%(levelname)s - %(message)s'}",
				"handlers:",
				"  h:",
				"    class: recording",
				"    id: yaml",
				"    level: INFO",
				"    formatter: simple",
				"loggers:",
				"  jibe.provider: {level: WARNING, handlers: [h], propagate: true}",
				"root: {level: INFO}",
				""), Map.of());
		LoggingConfig json = read("logging.json", json("{'version': 1, 'disable_existing_loggers': false,"
				+ " 'formatters': {'simple': {'format': '%(levelname)s - %(message)s'}},"
				+ " 'handlers': {'h': {'class': 'recording', 'id': 'yaml', 'level': 'INFO', 'formatter': 'simple'}},"
				+ " 'loggers': {'jibe.provider': {'level': 'WARNING', 'handlers': ['h'], 'propagate': true}},"
				+ " 'root': {'level': 'INFO'}}"), Map.of());
		assertThat(yaml.handlers()).isEqualTo(json.handlers());
		assertThat(yaml.loggers()).isEqualTo(json.loggers());
		assertThat(yaml.root()).isEqualTo(json.root());
		assertThat(yaml.formatters()).isEqualTo(json.formatters());
		assertThat(read("logging.yml", "version: 1\nroot: {level: DEBUG}\n", Map.of()).root().level())
				.isEqualTo(Level.DEBUG);
	}

	@Test
	void identityIgnoresLevelAndFiltersButNotOptionsOrFormat() {
		String base = "{'version': 1, 'formatters': {'f': {'format': '%%(message)s %s'}}, 'filters': {'x': {}},"
				+ " 'handlers': {'h': {'class': 'recording', 'id': 'ident', 'tag': '%s', 'level': '%s', 'formatter': 'f'%s}}}";
		HandlerIdentity one = read(json(String.format(base, "A", "t", "INFO", ""))).handlers().get("h").identity();
		HandlerIdentity levelAndFilters = read(json(String.format(base, "A", "t", "ERROR", ", 'filters': ['x']")))
				.handlers().get("h").identity();
		HandlerIdentity option = read(json(String.format(base, "A", "u", "INFO", ""))).handlers().get("h").identity();
		HandlerIdentity format = read(json(String.format(base, "B", "t", "INFO", ""))).handlers().get("h").identity();
		assertThat(levelAndFilters).isEqualTo(one);
		assertThat(option).isNotEqualTo(one);
		assertThat(format).isNotEqualTo(one);
		assertThat(plan(read(json(String.format(base, "A", "t", "INFO", "")))).handlers().get("h").identity())
				.isEqualTo(one);
	}
}
