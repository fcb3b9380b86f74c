package dev.sluice.config;

import static dev.sluice.config.ConfigTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import dev.sluice.config.testing.RecordingSinkProvider;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.sink.SinkEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real projects' dictConfigs that CPython 3.11 loads load here too. */
class PythonConfigsTest {

	@TempDir
	Path dir;

	private LoggingConfig read(String text) {
		return ConfigTestSupport.loader(dir, Map.of()).read(ConfigTestSupport.write(dir, "logging.json", text));
	}

	/** gunicorn's glogging.CONFIG_DEFAULTS, as JSON: its loggers carry 'qualname', which dictConfig ignores. */
	@Test
	void gunicornsDefaultsLoad() {
		LoggingConfig c = read(ConfigTestSupport.GUNICORN_DEFAULTS);
		assertThat(c.loggers()).containsOnlyKeys("gunicorn.error", "gunicorn.access");
	}

	/**
	 * Django's DEFAULT_LOGGING loads without Django: its DEBUG filters (DEBUG False), its
	 * ServerFormatter (Django's time format, a record's own server_time first) and its
	 * AdminEmailHandler (which sends nothing, as Django without ADMINS).
	 */
	@Test
	void djangosDefaultsLoad() throws Exception {
		LoggingConfig c = read(ConfigTestSupport.DJANGO_DEFAULTS);
		RoutingPlan plan = ConfigLoader.defaults().plan(c, SinkEnvironment.defaults().withBaseDirectory(dir));
		assertThat(plan.handlers()).containsOnlyKeys("console", "django.server", "mail_admins");
		LogRecord r = LogRecord.builder(Level.INFO, "django", "hello").build();
		assertThat(plan.handlers().get("console").filters()).allMatch(f -> !f.test(r));
		assertThat(plan.handlers().get("mail_admins").filters()).allMatch(f -> f.test(r));
		dev.sluice.pipeline.sink.Layout server = Formatters.layout(c.formatters().get("django.server"));
		java.time.ZonedDateTime t = java.time.ZonedDateTime.of(2025, 12, 6, 5, 46, 40, 500_000_000,
				java.time.ZoneId.systemDefault());
		assertThat(server.format(LogRecord.builder(Level.INFO, "django.server", "GET /").time(t.toInstant()).build()))
				.isEqualTo("[06/Dec/2025 05:46:40,500] GET /");
		assertThat(server.format(LogRecord.builder(Level.INFO, "django.server", "GET /").time(t.toInstant())
				.attributes(dev.sluice.context.Attributes.empty().with("server_time", "then")).build()))
				.isEqualTo("[then] GET /");
	}

	/**
	 * uvicorn's LOGGING_CONFIG loads without uvicorn: its formatters' levelprefix, and the access
	 * fields from an access call's five arguments; a record with other arguments fails as uvicorn's
	 * unpacking does (a format error: nothing written for it).
	 */
	@Test
	void uvicornsDefaultsLoad() throws Exception {
		LoggingConfig c = read(ConfigTestSupport.UVICORN_DEFAULTS);
		dev.sluice.pipeline.sink.Layout access = Formatters.layout(c.formatters().get("access"));
		dev.sluice.pipeline.sink.Layout plain = Formatters.layout(c.formatters().get("default"));
		assertThat(plain.format(LogRecord.builder(Level.WARNING, "uvicorn.error", "Shutting down").build()))
				.isEqualTo("WARNING:  Shutting down");
		assertThat(access.format(LogRecord.builder(Level.INFO, "uvicorn.access", "%s - \"%s %s HTTP/%s\" %d")
				.arguments("10.0.0.7:4711", "POST", "/orders", "1.1", 201).build()))
				.isEqualTo("INFO:     10.0.0.7:4711 - \"POST /orders HTTP/1.1\" 201 Created");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> access.format(
				LogRecord.builder(Level.INFO, "uvicorn.access", "{} {}").arguments("a", "b").build()))
				.hasMessageContaining("ValueError: not enough values to unpack (expected 5, got 2)");
	}

	/** Sentry's and Django's configs name logging.NullHandler. */
	@Test
	void theNullHandlerTakesRecordsAndWritesNothing() {
		LoggingConfig c = read(json("{'version': 1, 'handlers': {'null': {'class': 'logging.NullHandler'}},"
				+ " 'loggers': {'sentry.errors': {'handlers': ['null'], 'propagate': false}}}"));
		RoutingPlan plan = ConfigLoader.defaults().plan(c, SinkEnvironment.defaults().withBaseDirectory(dir));
		assertThat(plan.handlers()).containsOnlyKeys("null");
		assertThat(plan.handlers().get("null").sinkFactory().get()).isNotNull();
	}

	@Test
	void dollarStyleFormatsAreNotTakenForSubstitutions() {
		LoggingConfig c = read(json("{'version': 1, 'formatters': {'d': {'format': '${levelname}:${name}:${message}',"
				+ " 'style': '$'}, 'p': {'format': '${%(message)s} costs $${env:X}'}},"
				+ " 'handlers': {'a': {'class': 'recording', 'id': 'dollar-a', 'formatter': 'd'},"
				+ "  'b': {'class': 'recording', 'id': 'dollar-b', 'formatter': 'p'}}}"));
		RoutingPlan plan = ConfigLoader.defaults().plan(c, SinkEnvironment.defaults().withBaseDirectory(dir));
		LogRecord r = LogRecord.builder(Level.INFO, "app", "hello").time(Instant.parse("2020-07-29T00:00:11.491Z")).build();
		RecordingSinkProvider.Recorded a = (RecordingSinkProvider.Recorded) plan.handlers().get("a").sinkFactory().get();
		RecordingSinkProvider.Recorded b = (RecordingSinkProvider.Recorded) plan.handlers().get("b").sinkFactory().get();
		assertThat(a.spec.layout().format(r)).isEqualTo("INFO:app:hello");
		assertThat(b.spec.layout().format(r)).isEqualTo("${hello} costs ${env:X}");
	}

	/** python-json-logger's formatter by its class name, with its own arguments through '()'. */
	@Test
	void pythonJsonLoggersFormatterWritesJson() throws Exception {
		LoggingConfig c = read(json("{'version': 1, 'formatters': {'json': {'()': 'pythonjsonlogger.jsonlogger.JsonFormatter',"
				+ " 'fmt': '%(levelname)s %(name)s %(message)s', 'rename_fields': {'levelname': 'level'}, 'timestamp': true}},"
				+ " 'handlers': {'a': {'class': 'recording', 'id': 'json-a', 'formatter': 'json'}}}"));
		RoutingPlan plan = ConfigLoader.defaults().plan(c, SinkEnvironment.defaults().withBaseDirectory(dir));
		LogRecord r = LogRecord.builder(Level.INFO, "app", "hello").time(Instant.parse("2020-07-29T00:00:11.491Z"))
				.attributes(dev.sluice.context.Attributes.empty().with("User", "ana")).build();
		RecordingSinkProvider.Recorded a = (RecordingSinkProvider.Recorded) plan.handlers().get("a").sinkFactory().get();
		assertThat(a.spec.layout().format(r)).isEqualTo("{\"level\": \"INFO\", \"name\": \"app\", \"message\": \"hello\","
				+ " \"User\": \"ana\", \"timestamp\": \"2020-07-29T00:00:11.491000+00:00\"}");
		// the new class name of later versions too; Python-only arguments are refused at their place
		read(json("{'version': 1, 'formatters': {'json': {'()': 'pythonjsonlogger.json.JsonFormatter'}}}"));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(json("{'version': 1, 'formatters': {'json':"
				+ " {'()': 'pythonjsonlogger.jsonlogger.JsonFormatter', 'json_default': 'my.module.default'}}}")))
				.hasMessageContaining("/formatters/json/json_default");
	}

	/** Sluice's ECS, Logstash and GELF layouts by their class names, with their options. */
	@Test
	void sluicesJsonLayoutsAreChosenByClassName() throws Exception {
		LoggingConfig c = read(json("{'version': 1, 'formatters': {"
				+ " 'ecs': {'()': 'dev.sluice.layouts.EcsJsonLayout', 'service_name': 'billing'},"
				+ " 'logstash': {'class': 'dev.sluice.layouts.LogstashJsonLayout', 'utc': true},"
				+ " 'gelf': {'class': 'dev.sluice.layouts.GelfJsonLayout', 'host': 'billing-1', 'service_version': '2.0'}},"
				+ " 'handlers': {'e': {'class': 'recording', 'id': 'layout-e', 'formatter': 'ecs'},"
				+ "  'l': {'class': 'recording', 'id': 'layout-l', 'formatter': 'logstash'},"
				+ "  'g': {'class': 'recording', 'id': 'layout-g', 'formatter': 'gelf'}}}"));
		RoutingPlan plan = ConfigLoader.defaults().plan(c, SinkEnvironment.defaults().withBaseDirectory(dir));
		LogRecord r = LogRecord.builder(Level.INFO, "app", "hello").time(Instant.parse("2020-07-29T00:00:11.491Z")).build();
		java.util.function.Function<String, String> line = h -> ((RecordingSinkProvider.Recorded) plan.handlers().get(h)
				.sinkFactory().get()).spec.layout().format(r);
		assertThat(line.apply("e")).startsWith("{\"@timestamp\":\"2020-07-29T00:00:11.491Z\"").contains("\"service.name\":\"billing\"");
		assertThat(line.apply("l")).startsWith("{\"@timestamp\":\"2020-07-29T00:00:11.491Z\",\"@version\":\"1\"");
		assertThat(line.apply("g")).startsWith("{\"version\":\"1.1\",\"short_message\":\"hello\",\"timestamp\":1595980811.491")
				.contains("\"host\":\"billing-1\",\"_service_version\":\"2.0\"");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(json("{'version': 1, 'formatters': {'g':"
				+ " {'class': 'dev.sluice.layouts.GelfJsonLayout', 'format': '%(message)s', 'host': 3}}}")))
				.hasMessageContaining("/formatters/g/format").hasMessageContaining("/formatters/g/host");
	}

	/** Python 3.12's QueueHandler form: the handlers its listener feeds stand for it. */
	@Test
	void aQueueHandlerIsTheHandlersItFeeds() {
		LoggingConfig c = read(json("{'version': 1, 'handlers': {"
				+ " 'rec': {'class': 'recording', 'id': 'queue-rec'},"
				+ " 'queue': {'class': 'logging.handlers.QueueHandler', 'handlers': ['rec'], 'respect_handler_level': true}},"
				+ " 'loggers': {'app': {'handlers': ['queue'], 'propagate': false}},"
				+ " 'root': {'level': 'INFO', 'handlers': ['queue', 'rec']}}"));
		assertThat(c.loggers().get("app").handlers()).containsExactly("rec");
		assertThat(c.root().handlers()).containsExactly("rec");
		assertThat(c.handlers()).containsOnlyKeys("rec");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(json("{'version': 1, 'handlers': {"
				+ " 'queue': {'class': 'logging.handlers.QueueHandler', 'handlers': ['nope']}}}")))
				.hasMessageContaining("/handlers/queue/handlers/0");
	}

	/** The 3.11 recipes' QueueListener handlers name their handlers as cfg://handlers.NAME. */
	@Test
	void aQueueHandlersHandlersMayBeCfgReferences() {
		LoggingConfig c = read(json("{'version': 1, 'handlers': {"
				+ " 'rec': {'class': 'recording', 'id': 'queue-cfg-rec'}, 'other': {'class': 'recording', 'id': 'queue-cfg-other'},"
				+ " 'queue': {'class': 'logging.handlers.QueueHandler', 'handlers': ['cfg://handlers.rec', 'other'],"
				+ "   'queue': {'()': 'queue.Queue', 'maxsize': -1}}},"
				+ " 'root': {'level': 'INFO', 'handlers': ['queue']}}"));
		assertThat(c.root().handlers()).containsExactly("rec", "other");
	}

	/** Python 3.11's form: the QueueListener gets its handlers in code; the file defines them attached to no logger. */
	@Test
	void aPython311QueueHandlerStandsForTheHandlersNoLoggerUses() {
		LoggingConfig c = read(json("{'version': 1, 'handlers': {"
				+ " 'console': {'class': 'recording', 'id': 'queue-311-console'},"
				+ " 'file': {'class': 'recording', 'id': 'queue-311-file'},"
				+ " 'audit': {'class': 'recording', 'id': 'queue-311-audit'},"
				+ " 'queue': {'class': 'logging.handlers.QueueHandler', 'queue': 'ext://app.log_queue'}},"
				+ " 'loggers': {'audit': {'handlers': ['audit'], 'propagate': false}},"
				+ " 'root': {'level': 'INFO', 'handlers': ['queue']}}"));
		assertThat(c.root().handlers()).containsExactly("console", "file");
		assertThat(c.loggers().get("audit").handlers()).containsExactly("audit");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(json("{'version': 1, 'handlers': {"
				+ " 'console': {'class': 'recording', 'id': 'queue-311-only'},"
				+ " 'queue': {'class': 'logging.handlers.QueueHandler', 'queue': 'ext://app.log_queue'}},"
				+ " 'root': {'level': 'INFO', 'handlers': ['queue', 'console']}}")))
				.hasMessageContaining("/handlers/queue: expected the handlers the queue feeds: Python 3.11's QueueListener"
						+ " is given them in code");
	}

	/** CPython's test_logging config14: '.' sets attributes after construction; a file's terminator is one. */
	@Test
	void dotAttributesSetTheTerminatorAndOthersAreKeptUnread() throws Exception {
		Path log = dir.resolve("config14.log");
		LoggingConfig c = read(json("{'version': 1, 'formatters': {'form1': {'format': '%(levelname)s ++ %(message)s'}},"
				+ " 'handlers': {'hand1': {'class': 'logging.FileHandler', 'formatter': 'form1', 'level': 'NOTSET',"
				+ "   'filename': '" + log.toString().replace("\\", "/") + "', '.': {'foo': 'bar', 'terminator': '!\\n'}}},"
				+ " 'root': {'level': 'WARNING', 'handlers': ['hand1']}}"));
		dev.sluice.pipeline.Sluice sluice = dev.sluice.pipeline.Sluice.builder().shutdownHook(false).baseDirectory(dir).build();
		try {
			sluice.applyNow(ConfigLoader.defaults().plan(c, sluice.environment()));
			sluice.root().warn("Exclamation");
		}
		finally {
			sluice.shutdown(java.time.Duration.ofSeconds(30)).block();
		}
		assertThat(java.nio.file.Files.readString(log)).isEqualTo("WARNING ++ Exclamation!\n");
	}

	/** CPython's config9a applied alone: an incremental config may only change running handlers, and none runs. */
	@Test
	void anIncrementalConfigAloneCannotChangeHandlersThatDoNotRun() {
		LoggingConfig c = read(json("{'version': 1, 'incremental': true, 'handlers': {'hand1': {'level': 'WARNING'}},"
				+ " 'loggers': {'compiler.parser': {'level': 'INFO'}}}"));
		org.assertj.core.api.Assertions.assertThatThrownBy(
				() -> ConfigLoader.defaults().plan(c, SinkEnvironment.defaults().withBaseDirectory(dir)))
				.isInstanceOf(dev.sluice.pipeline.sink.options.InvalidConfigException.class)
				.hasMessageContaining("/handlers/hand1").hasMessageContaining("no handler found with name 'hand1'");
	}
}
