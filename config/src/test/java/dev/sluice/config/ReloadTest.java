package dev.sluice.config;

import static dev.sluice.config.ConfigTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.sluice.config.testing.RecordingSinkProvider;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.StatusLogger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Sinks;

/** A running pipeline following its config file. */
class ReloadTest {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream statusBytes = new ByteArrayOutputStream();
	private final Sinks.Many<Object> look = Sinks.many().multicast().directBestEffort();

	private ConfigReloader start(Path file) {
		ConfigSource source = ConfigSource.of(file).withLoader(ConfigTestSupport.loader(dir, Map.of())).withWatch(false)
				.withPollInterval(Duration.ofHours(1)).withDebounce(Duration.ZERO).withTriggers(look.asFlux());
		return ConfigReloader.start(Sluice.builder().shutdownHook(false).baseDirectory(dir)
				.status(StatusLogger.to(new PrintStream(statusBytes, true, StandardCharsets.UTF_8))), source);
	}

	/** Rewrites the file, makes the source look, and waits until the pipeline applied or rejected it. */
	private ConfigUpdate rewrite(ConfigReloader reloader, Path file, String text) throws Exception {
		java.util.concurrent.CompletableFuture<ConfigUpdate> next = reloader.outcomes().next().toFuture();
		// written aside and moved in, so that a look still pending from before never sees half a file
		Path aside = file.resolveSibling(file.getFileName() + ".new");
		Files.writeString(aside, text);
		Files.move(aside, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
				java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		look.tryEmitNext("look");
		return next.get(60, java.util.concurrent.TimeUnit.SECONDS);
	}

	private static String recording(String id, String tag, String level) {
		return json("{'version': 1, 'disable_existing_loggers': false, 'handlers': {"
				+ " 'rec': {'class': 'recording', 'id': '" + id + "', 'tag': '" + tag + "', 'level': '" + level + "'},"
				+ " 'warnings': {'class': 'recording', 'id': '" + id + "-warnings'}},"
				+ " 'loggers': {'sluice.config': {'handlers': ['warnings'], 'propagate': false}},"
				+ " 'root': {'level': 'INFO', 'handlers': ['rec']}}");
	}

	@Test
	void anInvalidVersionKeepsTheRunningConfigAndIsReportedOnceAtWarning() throws Exception {
		Path file = ConfigTestSupport.write(dir, "logging.json", recording("inv", "a", "INFO"));
		ConfigReloader reloader = start(file);
		Sluice sluice = reloader.sluice();
		try {
			ConfigUpdate rejected = rewrite(reloader, file, recording("inv", "a", "LOUD"));
			assertThat(rejected.isValid()).isFalse();
			look.tryEmitNext("look again");
			look.tryEmitNext("and again");
			sluice.logger("app").info("still configured");
			ConfigUpdate fixed = rewrite(reloader, file, recording("inv", "b", "INFO"));
			assertThat(fixed.isValid()).as(String.valueOf(fixed.error())).isTrue();
			sluice.logger("app").info("new config");
		}
		finally {
			sluice.shutdown(Duration.ofSeconds(30)).block();
		}
		List<LogRecord> warnings = RecordingSinkProvider.allRecords("inv-warnings");
		assertThat(warnings).hasSize(1);
		LogRecord w = warnings.get(0);
		assertThat(w.level()).isEqualTo(Level.WARNING);
		assertThat(w.loggerName()).isEqualTo("sluice.config");
		assertThat(w.message()).isEqualTo(file + " was not applied (1 problem(s)); the running configuration stays:\n  "
				+ file + ":/handlers/rec/level: expected a level (NOTSET, TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL or a"
				+ " number), found 'LOUD'");
		assertThat(reloader.rejected()).isEqualTo(1);
		assertThat(reloader.applied()).isEqualTo(1);
		List<RecordingSinkProvider.Recorded> sinks = RecordingSinkProvider.sinks("inv");
		assertThat(sinks.stream().filter(s -> "a".equals(s.tag)).flatMap(s -> s.records.records().stream())
				.map(LogRecord::message)).containsExactly("still configured");
		assertThat(sinks.stream().filter(s -> "b".equals(s.tag)).flatMap(s -> s.records.records().stream())
				.map(LogRecord::message)).containsExactly("new config");
	}

	@Test
	void anUnchangedHandlerKeepsItsSinkAndALevelChangeNeedsNoNewSink() throws Exception {
		Path file = ConfigTestSupport.write(dir, "logging.json", recording("keep", "a", "INFO"));
		ConfigReloader reloader = start(file);
		try {
			RecordingSinkProvider.Recorded first = RecordingSinkProvider.last("keep");
			int made = RecordingSinkProvider.sinks("keep").size();
			assertThat(rewrite(reloader, file, recording("keep", "a", "ERROR")).isValid()).isTrue();
			reloader.sluice().logger("x").warn("below the handler's new level");
			reloader.sluice().logger("x").error("passes");
			assertThat(RecordingSinkProvider.sinks("keep")).hasSize(made);
			reloader.sluice().shutdown(Duration.ofSeconds(30)).block();
			assertThat(first.records.records()).extracting(LogRecord::message).containsExactly("passes");
		}
		finally {
			reloader.sluice().shutdown(Duration.ofSeconds(30)).block();
		}
	}

	/** disable_existing_loggers left out (true, as in Python): a reload must not silence loggers made since the start. */
	private static String defaultDisable(String id, String tag, String format) {
		return json("{'version': 1, 'formatters': {'f': {'format': '" + format + "'}}, 'handlers': {"
				+ " 'rec': {'class': 'recording', 'id': '" + id + "', 'tag': '" + tag + "', 'formatter': 'f'}},"
				+ " 'root': {'level': 'INFO', 'handlers': ['rec']}}");
	}

	@Test
	void aReloadWithDisableExistingLoggersUnsetSilencesNoLoggerMadeSinceTheStart() throws Exception {
		Path file = ConfigTestSupport.write(dir, "logging.json", defaultDisable("nosilence", "a", "%(message)s"));
		ConfigReloader reloader = start(file);
		Sluice sluice = reloader.sluice();
		Logger worker = sluice.logger("app.worker");
		int n = 0;
		for (int round = 0; round < 4; round++) {
			for (int i = 0; i < 1_000; i++) {
				worker.info("r{}", n++);
			}
			// an edit of the format only, then one that makes a new sink
			String text = round % 2 == 0 ? defaultDisable("nosilence", "a", "%(levelname)s %(message)s")
					: defaultDisable("nosilence", "b" + round, "%(message)s");
			assertThat(rewrite(reloader, file, text).isValid()).isTrue();
			assertThat(worker.isDisabled()).isFalse();
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block();
		assertThat(report.ingressDropped()).isEmpty();
		assertThat(RecordingSinkProvider.allRecords("nosilence")).hasSize(n);
	}

	@Test
	void startRejectsAnInvalidFileAndStartsNothing() {
		Path file = ConfigTestSupport.write(dir, "logging.json", json("{'version': 1, 'root': {'level': 'LOUD'}}"));
		assertThatThrownBy(() -> start(file)).isInstanceOf(InvalidConfigException.class)
				.hasMessageContaining(file + ":/root/level");
	}

	private static long delivered(Sluice sluice) {
		dev.sluice.pipeline.SinkReport r = sluice.reports().get("rec");
		return r == null ? 0 : r.delivered() + r.dropped();
	}

	@Test
	void eightThreadsLogWhileTheFileIsRewrittenAHundredTimes() throws Exception {
		Path file = ConfigTestSupport.write(dir, "logging.json", recording("load", "v0", "INFO"));
		ConfigReloader reloader = start(file);
		Sluice sluice = reloader.sluice();
		int threads = 8;
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch running = new CountDownLatch(threads);
		List<Thread> loggers = new ArrayList<>();
		long[] logged = new long[threads];
		java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
		for (int t = 0; t < threads; t++) {
			int id = t;
			Thread th = new Thread(() -> {
				Logger log = sluice.logger("load.t" + id);
				running.countDown();
				long i = 0;
				// at least 2,000 records each, and on until the rewrites are done
				while (!stop.get() || i < 2_000) {
					log.info("t{}-{}", id, i++);
					if ((i & 63) == 0) {
						// keep well within the sink's buffer (16,384): this test is about switches, not overflow
						while (sent.addAndGet(0) - delivered(sluice) > 8_000) {
							java.util.concurrent.locks.LockSupport.parkNanos(100_000);
						}
					}
					sent.incrementAndGet();
				}
				logged[id] = i;
			}, "logger-" + t);
			loggers.add(th);
			th.start();
		}
		running.await();
		int applied = 0;
		for (int v = 1; v <= 100; v++) {
			// odd versions replace the sink (a new tag), even ones only change the handler's level
			String text = v % 2 == 1 ? recording("load", "v" + v, "INFO") : recording("load", "v" + (v - 1), "DEBUG");
			if (rewrite(reloader, file, text).isValid()) {
				applied++;
			}
		}
		stop.set(true);
		for (Thread th : loggers) {
			th.join();
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(60)).block();
		assertThat(applied).isEqualTo(100);
		assertThat(reloader.applied()).isEqualTo(100);
		assertThat(report.ingressDropped()).isEmpty();
		assertThat(report.droppedTotal()).isZero();
		Map<String, Integer> seen = new HashMap<>();
		for (LogRecord r : RecordingSinkProvider.allRecords("load")) {
			seen.merge(r.message(), 1, Integer::sum);
		}
		long total = 0;
		for (int t = 0; t < threads; t++) {
			total += logged[t];
			for (long i = 0; i < logged[t]; i++) {
				Integer n = seen.get("t" + t + "-" + i);
				assertThat(n).as("t%d-%d delivered exactly once", t, i).isEqualTo(1);
			}
		}
		assertThat(seen).hasSize((int) total);
		// 50 tag changes made 50 new sinks (plus one probe each), every one closed at the end
		List<RecordingSinkProvider.Recorded> sinks = RecordingSinkProvider.sinks("load");
		assertThat(sinks.stream().filter(s -> !s.records.records().isEmpty()).map(s -> s.tag).distinct().count())
				.isGreaterThan(1);
		assertThat(sinks).allMatch(RecordingSinkProvider.Recorded::closed);
	}

	@Test
	void anIncrementalVersionChangesOnlyLevelsAndKeepsTheSinks() throws Exception {
		Path file = ConfigTestSupport.write(dir, "logging.json", recording("incr", "a", "INFO"));
		ConfigReloader reloader = start(file);
		int made = RecordingSinkProvider.sinks("incr").size();
		try {
			assertThat(rewrite(reloader, file, json("{'version': 1, 'incremental': true, 'root': {'level': 'ERROR'}}"))
					.isValid()).isTrue();
			reloader.sluice().logger("app").warn("below the root's new level");
			reloader.sluice().logger("app").error("passes");
			// a running handler's level changes in place (same sink); the root's level stays ERROR
			assertThat(rewrite(reloader, file, json("{'version': 1, 'incremental': true,"
					+ " 'handlers': {'rec': {'level': 'CRITICAL'}}}")).isValid()).isTrue();
			reloader.sluice().logger("app").error("below the handler's new level");
			reloader.sluice().logger("app").critical("passes too");
			// a handler that is not running cannot be changed incrementally: rejected, the config stays
			ConfigUpdate rejected = rewrite(reloader, file, json("{'version': 1, 'incremental': true,"
					+ " 'handlers': {'nope': {'level': 'DEBUG'}}}"));
			assertThat(rejected.isValid()).isFalse();
			assertThat(rejected.error().problems()).extracting(Object::toString).containsExactly(file
					+ ":/handlers/nope: handler 'nope' is not running, so an incremental config cannot change its level;"
					+ " running: rec, warnings");
			reloader.sluice().logger("app").critical("still configured");
		}
		finally {
			reloader.sluice().shutdown(Duration.ofSeconds(30)).block();
		}
		assertThat(RecordingSinkProvider.sinks("incr")).hasSize(made);
		assertThat(RecordingSinkProvider.allRecords("incr")).extracting(LogRecord::message)
				.containsExactly("passes", "passes too", "still configured");
	}

	@Test
	void sluiceConfigStartLoadsTheFileAndFollowsIt() throws Exception {
		Path file = ConfigTestSupport.write(dir, "logging.json", recording("start", "a", "INFO"));
		Sluice sluice = SluiceConfig.start(file);
		try {
			sluice.logger("app").info("hello");
		}
		finally {
			sluice.shutdown(Duration.ofSeconds(30)).block();
		}
		assertThat(RecordingSinkProvider.allRecords("start")).extracting(LogRecord::message).containsExactly("hello");
		assertThat(SluiceConfig.check(file)).isEmpty();
		assertThat(SluiceConfig.load(file).handlers()).containsOnlyKeys("rec", "warnings");
	}
}
