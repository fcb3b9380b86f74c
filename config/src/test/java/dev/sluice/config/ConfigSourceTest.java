package dev.sluice.config;

import static dev.sluice.config.ConfigTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.pipeline.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** The file's versions as a stream: poll, hash, debounce (virtual time), and the real file watch. */
class ConfigSourceTest {

	@TempDir
	Path dir;

	private static String config(String rootLevel) {
		return json("{'version': 1, 'root': {'level': '" + rootLevel + "'}}");
	}

	private ConfigSource source(Path file) {
		return ConfigSource.of(file).withLoader(ConfigTestSupport.loader(dir, Map.of())).withWatch(false);
	}

	@Test
	void pollsEveryMinuteAndEmitsOnlyChangedContent() {
		Path file = ConfigTestSupport.write(dir, "logging.json", config("INFO"));
		StepVerifier.withVirtualTime(() -> source(file).configs())
				.assertNext(c -> assertThat(c.root().level()).isEqualTo(Level.INFO))
				.then(() -> ConfigTestSupport.write(dir, "logging.json", config("INFO"))) // touched: same bytes
				.expectNoEvent(Duration.ofSeconds(330))
				.then(() -> ConfigTestSupport.write(dir, "logging.json", config("DEBUG")))
				.expectNoEvent(Duration.ofSeconds(30)) // the poll at 6 min is debounced for 250 ms
				.thenAwait(Duration.ofMillis(250))
				.assertNext(c -> assertThat(c.root().level()).isEqualTo(Level.DEBUG))
				.expectNoEvent(Duration.ofMinutes(3))
				.thenCancel()
				.verify(Duration.ofSeconds(30));
	}

	@Test
	void thePollIntervalIsConfigurable() {
		Path file = ConfigTestSupport.write(dir, "logging.json", config("INFO"));
		StepVerifier.withVirtualTime(() -> source(file).withPollInterval(Duration.ofSeconds(5)).withDebounce(Duration.ZERO)
				.configs())
				.expectNextCount(1)
				.then(() -> ConfigTestSupport.write(dir, "logging.json", config("ERROR")))
				.expectNoEvent(Duration.ofMillis(4999))
				.thenAwait(Duration.ofMillis(1))
				.assertNext(c -> assertThat(c.root().level()).isEqualTo(Level.ERROR))
				.thenCancel()
				.verify(Duration.ofSeconds(30));
	}

	@Test
	void aHalfWrittenFileIsNotReadWhileWritesGoOn() {
		Path file = ConfigTestSupport.write(dir, "logging.json", config("INFO"));
		Sinks.Many<Object> events = Sinks.many().multicast().directBestEffort();
		AtomicInteger invalid = new AtomicInteger();
		String full = config("WARNING");
		StepVerifier.withVirtualTime(() -> source(file).withTriggers(events.asFlux()).updates()
				.doOnNext(u -> invalid.addAndGet(u.isValid() ? 0 : 1)))
				.assertNext(u -> assertThat(u.config().root().level()).isEqualTo(Level.INFO))
				.then(() -> {
					ConfigTestSupport.write(dir, "logging.json", full.substring(0, full.length() / 2));
					events.tryEmitNext("modified");
				})
				.thenAwait(Duration.ofMillis(200))
				.then(() -> {
					ConfigTestSupport.write(dir, "logging.json", full);
					events.tryEmitNext("modified");
				})
				.expectNoEvent(Duration.ofMillis(249))
				.thenAwait(Duration.ofMillis(1))
				.assertNext(u -> assertThat(u.config().root().level()).isEqualTo(Level.WARNING))
				.thenCancel()
				.verify(Duration.ofSeconds(30));
		assertThat(invalid).hasValue(0);
	}

	@Test
	void anInvalidVersionIsReportedOnceAndAFixIsApplied() {
		Path file = ConfigTestSupport.write(dir, "logging.json", config("INFO"));
		StepVerifier.withVirtualTime(() -> source(file).updates())
				.assertNext(u -> assertThat(u.isValid()).isTrue())
				.then(() -> ConfigTestSupport.write(dir, "logging.json", config("LOUD")))
				.thenAwait(Duration.ofSeconds(61))
				.assertNext(u -> {
					assertThat(u.isValid()).isFalse();
					assertThat(u.error().problems()).extracting(Object::toString).containsExactly(file
							+ ":/root/level: expected a level (NOTSET, TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL or a number),"
							+ " found 'LOUD'");
				})
				.expectNoEvent(Duration.ofMinutes(10)) // polled ten more times: said once
				.then(() -> ConfigTestSupport.write(dir, "logging.json", config("ERROR")))
				.thenAwait(Duration.ofSeconds(61))
				.assertNext(u -> assertThat(u.config().root().level()).isEqualTo(Level.ERROR))
				.thenCancel()
				.verify(Duration.ofSeconds(30));
	}

	@Test
	void aDeletedFileIsReportedOnceAndItsReturnIsApplied() throws Exception {
		Path file = ConfigTestSupport.write(dir, "logging.json", config("INFO"));
		StepVerifier.withVirtualTime(() -> source(file).updates())
				.expectNextCount(1)
				.then(() -> {
					try {
						Files.delete(file);
					}
					catch (java.io.IOException e) {
						throw new java.io.UncheckedIOException(e);
					}
				})
				.thenAwait(Duration.ofSeconds(61))
				.assertNext(u -> assertThat(u.error().problems().get(0).message()).startsWith("expected a config file, found no file"))
				.expectNoEvent(Duration.ofMinutes(3))
				.then(() -> ConfigTestSupport.write(dir, "logging.json", config("INFO")))
				.thenAwait(Duration.ofSeconds(61))
				.assertNext(u -> assertThat(u.config().root().level()).isEqualTo(Level.INFO))
				.thenCancel()
				.verify(Duration.ofSeconds(30));
	}

	@Test
	void updatesAfterTheRunningConfigSkipTheSameContent() {
		Path file = ConfigTestSupport.write(dir, "logging.json", config("INFO"));
		LoggingConfig running = ConfigTestSupport.loader(dir, Map.of()).read(file);
		StepVerifier.withVirtualTime(() -> source(file).updatesAfter(running))
				.expectSubscription()
				.expectNoEvent(Duration.ofMinutes(2))
				.then(() -> ConfigTestSupport.write(dir, "logging.json", config("DEBUG")))
				.thenAwait(Duration.ofSeconds(61))
				.assertNext(u -> assertThat(u.config().root().level()).isEqualTo(Level.DEBUG))
				.thenCancel()
				.verify(Duration.ofSeconds(30));
	}

	@Test
	void theFileWatchSeesARewriteWithoutWaitingForThePoll() {
		Path file = ConfigTestSupport.write(dir, "logging.json", config("INFO"));
		ConfigSource watched = ConfigSource.of(file).withLoader(ConfigTestSupport.loader(dir, Map.of()))
				.withPollInterval(Duration.ofHours(1)).withDebounce(Duration.ofMillis(20));
		// no virtual time: the platform's watch service and real threads (a timeout only ends a failing run)
		StepVerifier.create(watched.configs())
				.assertNext(c -> assertThat(c.root().level()).isEqualTo(Level.INFO))
				.then(() -> ConfigTestSupport.write(dir, "logging.json", config("CRITICAL")))
				.assertNext(c -> assertThat(c.root().level()).isEqualTo(Level.CRITICAL))
				.thenCancel()
				.verify(Duration.ofSeconds(60));
	}
}
