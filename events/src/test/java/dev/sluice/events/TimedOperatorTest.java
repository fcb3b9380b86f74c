package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.LogRecord;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** {@code events.timed(...)} on Mono and Flux: success, error, cancel, nesting; durations by a clock the test moves. */
class TimedOperatorTest {

	@TempDir
	Path dir;

	EventsHarness h;
	EventLogger events;

	@BeforeEach
	void start() {
		h = new EventsHarness(dir);
		events = h.events("net.download");
	}

	@AfterEach
	void stop() {
		h.close();
	}

	@Test
	void successLogsTheSuccessMessageWithTheDuration() throws Exception {
		Mono<String> download = Mono.fromCallable(() -> {
			h.clock.advance(Duration.ofSeconds(42));
			return "bytes";
		});
		StepVerifier.create(Events.unitOfWork("GET /internet", "alice",
				events.timed("to download the Internet", "Downloaded the entire Internet", download)))
				.expectNext("bytes").verifyComplete();
		h.awaitEvents(1);
		Event e = h.stored().get(0);
		assertThat(e.message()).isEqualTo("Downloaded the entire Internet");
		assertThat(e.level()).isEqualTo(EventLevel.INFO);
		assertThat(e.duration()).isEqualTo(Duration.ofSeconds(42));
		assertThat(e.user()).isEqualTo("alice");
	}

	@Test
	void errorLogsFailedWithDetailDurationAndTheBeginContext() throws Exception {
		Mono<String> download = Mono.defer(() -> {
			h.clock.advance(Duration.ofMillis(250));
			return Mono.error(new IOException("no route to the Internet"));
		});
		StepVerifier.create(events.timed(EventContext.of("Mirror", "eu-1"), "to download the Internet",
				"Downloaded", download)).verifyError(IOException.class);
		h.awaitEvents(1);
		Event e = h.stored().get(0);
		assertThat(e.message()).isEqualTo("Failed to download the Internet");
		assertThat(e.level()).isEqualTo(EventLevel.ERROR);
		assertThat(e.duration()).isEqualTo(Duration.ofMillis(250));
		assertThat(e.detail()).startsWith("java.io.IOException: no route to the Internet");
		assertThat(e.attributes()).containsEntry("Mirror", "eu-1");
	}

	@Test
	void cancelLogsAWarningWithTheDuration() throws Exception {
		Sinks.One<String> never = Sinks.one();
		StepVerifier.create(events.timed("to download the Internet", never.asMono()))
				.expectSubscription()
				.then(() -> h.clock.advance(Duration.ofMinutes(5)))
				.thenCancel()
				.verify();
		h.awaitEvents(1);
		Event e = h.stored().get(0);
		assertThat(e.message()).isEqualTo("Cancelled to download the Internet");
		assertThat(e.level()).isEqualTo(EventLevel.WARNING);
		assertThat(e.duration()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aFluxSucceedsOnCompletion() throws Exception {
		Flux<Integer> parts = Flux.range(1, 3).doOnNext(i -> h.clock.advance(Duration.ofSeconds(1)));
		StepVerifier.create(events.timed("to download three parts", "Downloaded three parts", parts))
				.expectNext(1, 2, 3).verifyComplete();
		h.awaitEvents(1);
		assertThat(h.stored().get(0).duration()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void nestedTimingsAreEachTheirOwnScope() throws Exception {
		Mono<String> inner = events.timed("to download one mirror", "Downloaded one mirror",
				Mono.fromCallable(() -> {
					h.clock.advance(Duration.ofSeconds(2));
					return "x";
				}));
		Mono<String> outer = events.timed("to download the Internet", "Downloaded the Internet",
				Mono.fromRunnable(() -> h.clock.advance(Duration.ofSeconds(1))).then(inner)
						.doOnNext(x -> h.clock.advance(Duration.ofSeconds(4))));
		StepVerifier.create(Events.unitOfWork("GET /internet", "alice", outer)).expectNext("x").verifyComplete();
		h.awaitEvents(2);
		List<Event> stored = h.stored();
		assertThat(stored).extracting(Event::message).containsExactly("Downloaded one mirror", "Downloaded the Internet");
		assertThat(stored).extracting(Event::duration).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(7));
		assertThat(stored.get(0).operationId()).isEqualTo(stored.get(1).operationId());

		// imperative nesting: succeeded settles the innermost begin
		try (EventScope scope = Events.scope("cli", "alice")) {
			events.begin("to do the outer thing");
			h.clock.advance(Duration.ofSeconds(1));
			events.begin("to do the inner thing");
			h.clock.advance(Duration.ofSeconds(1));
			events.succeeded("Did the inner thing");
			events.succeeded("Did the outer thing");
		}
		h.awaitEvents(4);
		stored = h.stored();
		assertThat(stored.subList(2, 4)).extracting(Event::duration).containsExactly(Duration.ofSeconds(1),
				Duration.ofSeconds(2));
	}

	@Test
	void aBeginMessageWithoutToIsFlaggedOnceAtDebug() throws Exception {
		for (int i = 0; i < 3; i++) {
			events.timed("downloading the Internet", "Downloaded", Mono.just(i)).block();
		}
		events.timed("to do it right", "Done", Mono.just(1)).block();
		h.awaitEvents(4);
		List<LogRecord> normal = h.awaitNormal(5);
		assertThat(normal).filteredOn(r -> r.message().contains("does not start with \"to \"")).hasSize(1)
				.allSatisfy(r -> {
					assertThat(r.level().name()).isEqualTo("DEBUG");
					assertThat(r.message()).contains("downloading the Internet");
				});
	}
}
