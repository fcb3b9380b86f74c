package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The examples of CycleServer's event log text, each as a test, through a real pipeline and store. */
class TextExamplesTest {

	@TempDir
	Path dir;

	EventsHarness h;
	EventLogger events;

	@BeforeEach
	void start() {
		h = new EventsHarness(dir);
		events = h.events("cycle.users");
	}

	@AfterEach
	void stop() {
		h.close();
	}

	@Test
	void creatingAUserLogsTheRecordAndAnAuthEventWithTheCallsContext() throws Exception {
		String userName = "bob";
		Events.unitOfWork("POST /users", "alice", events.reactive()
				.info(EventContext.of("AffectedUser", userName).category("auth"), "Created new user {}", userName))
				.subscribeOn(Schedulers.parallel()).block();
		h.awaitEvents(1);

		Event e = h.stored().get(0);
		assertThat(e.message()).isEqualTo("Created new user bob");
		assertThat(e.level()).isEqualTo(EventLevel.INFO);
		assertThat(e.priority()).isEqualTo(Priority.LOW);
		assertThat(e.category()).isEqualTo(Category.AUTH);
		assertThat(e.module()).isEqualTo("cycle.users");
		assertThat(e.attributes()).containsEntry("AffectedUser", "bob");
		assertThat(e.entryPoint()).isEqualTo("POST /users");
		assertThat(e.user()).isEqualTo("alice");
		assertThat(e.operationId()).isNotNull();
		assertThat(e.activityId()).isNotNull();
		assertThat(e.primary()).isTrue();
		assertThat(e.detail()).isNull();
		assertThat(e.time()).isEqualTo(EventsHarness.START);
		assertThat(e.id().version()).isEqualTo(7);

		// the normal record, as the module's logger makes it, and no event record besides
		List<LogRecord> normal = h.awaitNormal(1);
		assertThat(normal).hasSize(1);
		assertThat(normal.get(0).loggerName()).isEqualTo("cycle.users");
		assertThat(normal.get(0).message()).isEqualTo("Created new user bob");
		assertThat(normal.get(0).attributes().get("User")).isEqualTo("alice");
		assertThat(normal.get(0).attributes().contains(EventKeys.MARKER)).isFalse();
	}

	@Test
	void theCategoryShortcutAndTheContextKeyAreTheSame() throws Exception {
		try (EventScope scope = Events.scope("cli:create-user", "alice")) {
			events.info(EventContext.of("AffectedUser", "bob").and("Category", "auth"), "Created new user {}", "bob");
			events.info(EventContext.of("AffectedUser", "carol").category(Category.AUTH).priority("high"),
					"Created new user {}", "carol");
		}
		h.awaitEvents(2);
		List<Event> stored = h.stored();
		assertThat(stored).extracting(Event::category).containsExactly(Category.AUTH, Category.AUTH);
		assertThat(stored).extracting(Event::priority).containsExactly(Priority.LOW, Priority.HIGH);
		assertThat(stored).extracting(Event::operationId).doesNotContainNull().hasSize(2);
		assertThat(stored.get(0).operationId()).isEqualTo(stored.get(1).operationId());
	}

	@Test
	void aCategoryOutsideTheSevenIsAnErrorAtTheCall() {
		assertThatThrownBy(() -> events.info(EventContext.of("AffectedUser", "bob").category("security"), "x"))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("security")
				.hasMessageContaining("monitor, command, config, settings, auth, system, notice");
		assertThatThrownBy(() -> EventContext.of("Category", "Auth!")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> EventContext.empty().priority("urgent")).hasMessageContaining("low, medium, high");
		assertThatThrownBy(() -> EventContext.of("Owner", new Object()))
				.hasMessageContaining("'Owner'").hasMessageContaining("string, number, boolean or timestamp");
	}

	@Test
	void levelsMapToInfoWarningErrorAndTraceDebugMakeNoEvent() throws Exception {
		events.trace("trace {}", 1);
		events.debug("debug {}", 2);
		events.info("info {}", 3);
		events.warn("warn {}", 4);
		events.error("error {}", 5, new IllegalStateException("boom"));
		events.log(Level.CRITICAL, EventContext.empty(), "fatal {}", 6);
		h.awaitEvents(4);
		h.awaitNormal(6);
		List<Event> stored = h.stored();
		assertThat(stored).extracting(Event::message).containsExactly("info 3", "warn 4", "error 5", "fatal 6");
		assertThat(stored).extracting(Event::level).containsExactly(EventLevel.INFO, EventLevel.WARNING,
				EventLevel.ERROR, EventLevel.ERROR);
		assertThat(stored.get(2).detail()).startsWith("java.lang.IllegalStateException: boom")
				.contains("\tat dev.sluice.events.TextExamplesTest");
		assertThat(h.normal.records()).extracting(r -> r.level().name()).containsExactly("TRACE", "DEBUG", "INFO",
				"WARNING", "ERROR", "CRITICAL");
	}

	@Test
	void theItemLoopWithAddAndRemoveTagsEachEventWithItsOwnItem() throws Exception {
		List<String> items = List.of("i-1", "i-2", "i-3");
		// the holder form: add/remove on the unit of work's stack, inside the chain
		Events.unitOfWork("timer:process-items", null, Flux.fromIterable(items)
				.concatMap(item -> events.reactive().add(EventContext.of("ItemId", item))
						.then(Mono.fromCallable(() -> item.toUpperCase()).subscribeOn(Schedulers.parallel()))
						.flatMap(done -> events.reactive().info("Processed item {}", item))
						.then(events.reactive().remove()))
				.then(events.reactive().info("Processed {} items", items.size())))
				.block();
		h.awaitEvents(4);
		List<Event> stored = h.stored();
		assertThat(stored).extracting(e -> e.attributes().get("ItemId")).containsExactly("i-1", "i-2", "i-3", null);
		assertThat(stored).extracting(Event::user).containsOnlyNulls();
		assertThat(stored).extracting(Event::entryPoint).containsOnly("timer:process-items");
	}

	@Test
	void theItemLoopWithTheContextWriteOperatorNeedsNoRemove() throws Exception {
		List<String> items = List.of("i-1", "i-2");
		Events.unitOfWork("timer:process-items", "system", Flux.fromIterable(items)
				.concatMap(item -> Mono.fromCallable(() -> item.length()).subscribeOn(Schedulers.parallel())
						.then(events.reactive().info("Processed item {}", item))
						.contextWrite(Events.with("ItemId", item)))
				.then(events.reactive().info("done")))
				.block();
		h.awaitEvents(3);
		assertThat(h.stored()).extracting(e -> e.attributes().get("ItemId")).containsExactly("i-1", "i-2", null);
	}

	@Test
	void theItemLoopInImperativeCodeUsesAScope() throws Exception {
		try (EventScope scope = Events.scope("cli:process", "alice")) {
			for (String item : List.of("i-1", "i-2")) {
				events.add(EventContext.of("ItemId", item));
				events.info("Processed item {}", item);
				events.remove();
			}
			events.add(EventContext.ofCategory("config"));
			events.info("Changed the quota");
		}
		h.awaitEvents(3);
		List<Event> stored = h.stored();
		assertThat(stored).extracting(e -> e.attributes().get("ItemId")).containsExactly("i-1", "i-2", null);
		assertThat(stored).extracting(Event::category).containsExactly(Category.SYSTEM, Category.SYSTEM,
				Category.CONFIG);
		assertThatThrownBy(() -> events.add("ItemId", "x")).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("unit of work");
	}

	@Test
	void beginAndSucceededLogTheSuccessMessageWithItsDuration() throws Exception {
		try (EventScope scope = Events.scope("cli:download", "alice")) {
			events.begin("to download the Internet");
			h.clock.advance(Duration.ofMillis(1500));
			events.succeeded("Downloaded the entire Internet--it must be 1991");
		}
		h.awaitEvents(1);
		Event e = h.stored().get(0);
		assertThat(e.message()).isEqualTo("Downloaded the entire Internet--it must be 1991");
		assertThat(e.level()).isEqualTo(EventLevel.INFO);
		assertThat(e.duration()).isEqualTo(Duration.ofMillis(1500));
		assertThat(h.awaitNormal(1).get(0).attributes().get("Duration")).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void anExceptionBetweenBeginAndSucceededLogsTheFailureWithDetailDurationAndBeginsContext() throws Exception {
		assertThatThrownBy(() -> events.timed("to download the Internet", "Downloaded the entire Internet", () -> {
			h.clock.advance(Duration.ofSeconds(3));
			throw new IOException("the Internet is too big");
		})).isInstanceOf(IOException.class);

		try (Timing t = events.begin(EventContext.of("Url", "http://example.invalid").priority("high"),
				"to download the Internet")) {
			h.clock.advance(Duration.ofSeconds(2));
			try {
				throw new IOException("again");
			}
			catch (IOException ex) {
				t.failed("Could not download the entire Internet at this time", ex);
			}
		}
		h.awaitEvents(2);
		List<Event> stored = h.stored();
		Event auto = stored.get(0);
		assertThat(auto.message()).isEqualTo("Failed to download the Internet");
		assertThat(auto.level()).isEqualTo(EventLevel.ERROR);
		assertThat(auto.duration()).isEqualTo(Duration.ofSeconds(3));
		assertThat(auto.detail()).startsWith("java.io.IOException: the Internet is too big");
		Event handled = stored.get(1);
		assertThat(handled.message()).isEqualTo("Could not download the entire Internet at this time");
		assertThat(handled.duration()).isEqualTo(Duration.ofSeconds(2));
		assertThat(handled.detail()).startsWith("java.io.IOException: again");
		assertThat(handled.attributes()).containsEntry("Url", "http://example.invalid");
		assertThat(handled.priority()).isEqualTo(Priority.HIGH);
	}

	@Test
	void resumeOnABackgroundChainFindsThePrimaryEvent() throws Exception {
		String theCurrentId = "job-42";
		// on the primary chain
		Events.unitOfWork("POST /jobs", "alice", events.reactive()
				.info(EventContext.of("MyCustomId", theCurrentId), "Processing {}", theCurrentId)).block();
		h.awaitEvents(1);
		String operation = h.stored().get(0).operationId();

		// later, on a background chain with no user
		Events.unitOfWork("timer:poll", null, events.resume("MyCustomId === " + Events.quote(theCurrentId),
				events.reactive().info("Processed part of {}", theCurrentId)
						.then(events.reactive().info(EventContext.empty().primary(true), "Fully processed {}", theCurrentId)))
				.subscribeOn(Schedulers.parallel()))
				.block();
		h.awaitEvents(3);
		List<Event> stored = h.stored();
		Event part = stored.get(1);
		Event fully = stored.get(2);
		assertThat(part.operationId()).isEqualTo(operation);
		assertThat(part.user()).isEqualTo("alice");
		assertThat(part.primary()).isFalse();
		assertThat(part.entryPoint()).isEqualTo("timer:poll");
		assertThat(fully.operationId()).isEqualTo(operation);
		assertThat(fully.primary()).isTrue();
		assertThat(h.store.operation(operation).map(Event::message).collectList().block())
				.containsExactly("Processing job-42", "Processed part of job-42", "Fully processed job-42");
	}

	@Test
	void resumeOfAnIdThatMatchesNothingIsAnErrorEventAndANewOperation() throws Exception {
		Events.unitOfWork("timer:poll", null, events.resume("MyCustomId", "missing",
				events.reactive().info("Processed {}", "missing"))).block();
		h.awaitEvents(2);
		List<Event> stored = h.stored();
		assertThat(stored.get(0).level()).isEqualTo(EventLevel.ERROR);
		assertThat(stored.get(0).message()).isEqualTo("Could not resume: no primary event has MyCustomId === \"missing\"");
		assertThat(stored.get(1).operationId()).isNotNull().isNotEqualTo(stored.get(0).operationId());
		assertThat(stored.get(1).primary()).isTrue();
	}
}
