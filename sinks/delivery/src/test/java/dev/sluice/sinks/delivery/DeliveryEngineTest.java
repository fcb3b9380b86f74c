package dev.sluice.sinks.delivery;

import static dev.sluice.sinks.delivery.EngineFixture.batch;
import static dev.sluice.sinks.delivery.EngineFixture.entries;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class DeliveryEngineTest {

	private final EngineFixture fx = new EngineFixture();
	private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();
	private final List<Request<String>> sent = new CopyOnWriteArrayList<>();

	private DeliveryEngine.Builder<String> engine(Sender<String> sender) {
		return DeliveryEngine.builder("remote", (Sender<String>) r -> {
			sent.add(r);
			return sender.send(r);
		}, fx.env).scheduler(vts).random(() -> 0.5).limits(BatchLimits.count(10));
	}

	private long now() {
		return vts.now(TimeUnit.MILLISECONDS);
	}

	@Test
	void deliversEveryRequestWithBoundedConcurrency() {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		List<Sinks.One<Outcome>> answers = new CopyOnWriteArrayList<>();
		DeliveryEngine<String> e = engine(r -> {
			Sinks.One<Outcome> answer = Sinks.one();
			answers.add(answer);
			return answer.asMono().doOnSubscribe(s -> maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
					.doOnTerminate(inFlight::decrementAndGet);
		}).concurrency(3).build();
		Batch b = batch(95);

		StepVerifier.create(e.deliver(b, entries(b)))
				.then(() -> {
					assertThat(answers).hasSize(3);
					for (int i = 0; i < 10; i++) {
						answers.get(i).tryEmitValue(Outcome.delivered());
					}
				})
				.verifyComplete();

		assertThat(maxInFlight.get()).isEqualTo(3);
		assertThat(sent).extracting(Request::size).containsExactly(10, 10, 10, 10, 10, 10, 10, 10, 10, 5);
		assertThat(b.droppedCount()).isZero();
		assertThat(fx.counter("sluice.delivery.requests", "outcome", "delivered")).isEqualTo(10);
	}

	@Test
	void transientFailuresAreRetriedWithExponentialBackoffOnTheScheduler() {
		AtomicInteger calls = new AtomicInteger();
		List<Long> at = new CopyOnWriteArrayList<>();
		DeliveryEngine<String> e = engine(r -> Mono.defer(() -> {
			at.add(now());
			return calls.incrementAndGet() <= 3 ? Mono.error(new IOException("connection reset"))
					: Mono.just(Outcome.delivered());
		})).retry(RetryPolicy.DEFAULT.withJitter(0)).build();
		Batch b = batch(4);

		StepVerifier.withVirtualTime(() -> e.deliver(b, entries(b)), () -> vts, Long.MAX_VALUE)
				.thenAwait(Duration.ofMillis(699))
				.then(() -> assertThat(calls.get()).isEqualTo(3))
				.thenAwait(Duration.ofMillis(1))
				.verifyComplete();

		assertThat(at).containsExactly(0L, 100L, 300L, 700L);
		assertThat(b.droppedCount()).isZero();
		assertThat(b.retriedCount()).isEqualTo(12);
		assertThat(fx.counter("sluice.delivery.retries")).isEqualTo(3);
	}

	@Test
	void retryAfterFromTheServiceIsHonoured() {
		AtomicInteger calls = new AtomicInteger();
		DeliveryEngine<String> e = engine(r -> Mono.defer(() -> calls.incrementAndGet() == 1
				? Mono.error(new DeliveryException(Failure.transientFailure("throttled", Duration.ofSeconds(7)), "429"))
				: Mono.just(Outcome.delivered()))).build();
		Batch b = batch(1);

		StepVerifier.withVirtualTime(() -> e.deliver(b, entries(b)), () -> vts, Long.MAX_VALUE)
				.thenAwait(Duration.ofMillis(6_999))
				.then(() -> assertThat(calls.get()).isEqualTo(1))
				.thenAwait(Duration.ofMillis(1))
				.verifyComplete();
		assertThat(calls.get()).isEqualTo(2);
		assertThat(b.droppedCount()).isZero();
	}

	@Tag("fault-injection")
	@Test
	void fortyThrottlingAnswersInARowSlowDeliveryDownButNeverOpenTheBreakerOrFallBack() {
		AtomicInteger calls = new AtomicInteger();
		List<LogRecord> fallback = new ArrayList<>();
		List<BreakerState> seen = new CopyOnWriteArrayList<>();
		DeliveryEngine<String>[] holder = new DeliveryEngine[1];
		DeliveryEngine<String> e = engine(r -> Mono.defer(() -> {
			seen.add(holder[0].breakerState());
			return calls.incrementAndGet() <= 40
					? Mono.error(new DeliveryException(Failure.throttled("throttled", Duration.ofSeconds(5)), "429"))
					: Mono.just(Outcome.delivered());
		})).breaker(BreakerPolicy.of(2, Duration.ofSeconds(30))).fallback(fallback::addAll).build();
		holder[0] = e;
		Batch b = batch(1);

		// 40 waits of at least 5 s: far beyond the retry policy's attempts and time budget
		StepVerifier.withVirtualTime(() -> e.deliver(b, entries(b)), () -> vts, Long.MAX_VALUE)
				.thenAwait(Duration.ofSeconds(199))
				.then(() -> assertThat(calls.get()).isEqualTo(40))
				.thenAwait(Duration.ofMinutes(30))
				.verifyComplete();
		assertThat(calls.get()).isEqualTo(41);
		assertThat(fallback).isEmpty();
		assertThat(b.droppedCount()).isZero();
		assertThat(b.fallbackCount()).isZero();
		assertThat(seen).containsOnly(BreakerState.CLOSED);
		assertThat(fx.status()).doesNotContain("circuit breaker open");
	}

	/** Throttling halves the requests in flight; successes grow them back to the configured concurrency. */
	@Tag("fault-injection")
	@Test
	void throttlingReducesConcurrencyAndSuccessesGrowItBack() {
		AtomicInteger calls = new AtomicInteger();
		DeliveryEngine<String> e = engine(r -> Mono.defer(() -> calls.incrementAndGet() <= 3
				? Mono.<Outcome>error(new DeliveryException(Failure.throttled("throttled", Duration.ofSeconds(1)), "429"))
				: Mono.just(Outcome.delivered()))).concurrency(8).build();
		assertThat(e.currentConcurrency()).isEqualTo(8);
		Batch first = batch(10);
		StepVerifier.withVirtualTime(() -> e.deliver(first, entries(first)), () -> vts, Long.MAX_VALUE)
				.thenAwait(Duration.ofMinutes(1))
				.verifyComplete();
		// three throttling answers: 8 -> 4 -> 2 -> 1, then one success: 2
		assertThat(e.currentConcurrency()).isEqualTo(2);
		assertThat(first.droppedCount()).isZero();
		Batch next = batch(100);
		StepVerifier.withVirtualTime(() -> e.deliver(next, entries(next)), () -> vts, Long.MAX_VALUE)
				.thenAwait(Duration.ofMinutes(1))
				.verifyComplete();
		assertThat(e.currentConcurrency()).isEqualTo(8);
		assertThat(next.droppedCount()).isZero();
	}

	@Test
	void serviceDownForThirtySecondsThenBackLosesNothingAndTheBreakerProbes() {
		List<BreakerState> seen = new CopyOnWriteArrayList<>();
		DeliveryEngine<String>[] holder = new DeliveryEngine[1];
		DeliveryEngine<String> e = engine(r -> Mono.defer(() -> {
			seen.add(holder[0].breakerState());
			return now() < 30_000 ? Mono.error(new DeliveryException(Failure.transientFailure("unavailable"), "503"))
					: Mono.just(Outcome.delivered());
		})).concurrency(4).build();
		holder[0] = e;
		Batch b = batch(100);

		StepVerifier.withVirtualTime(() -> e.deliver(b, entries(b)), () -> vts, Long.MAX_VALUE)
				.thenAwait(Duration.ofSeconds(29))
				.then(() -> assertThat(e.breakerState()).isNotEqualTo(BreakerState.CLOSED))
				.thenAwait(Duration.ofSeconds(60))
				.verifyComplete();

		assertThat(b.droppedCount()).isZero();
		assertThat(e.breakerState()).isEqualTo(BreakerState.CLOSED);
		assertThat(fx.gauge("sluice.delivery.breaker.state")).isZero();
		// while open, only half-open probes reach the service: far fewer calls than backoff alone would make
		long duringOutage = sent.size() - 10;
		assertThat(seen).contains(BreakerState.HALF_OPEN);
		assertThat(duringOutage).isLessThan(40);
		assertThat(fx.status()).contains("circuit breaker open");
	}

	@Tag("fault-injection")
	@Test
	void withAFallbackAnOpenBreakerHandsRecordsOverAtOnce() {
		List<LogRecord> fallback = new ArrayList<>();
		DeliveryEngine<String> e = engine(r -> Mono.error(new IOException("refused")))
				.breaker(BreakerPolicy.of(2, Duration.ofSeconds(30))).fallback(fallback::addAll).build();
		Batch b = batch(30);

		StepVerifier.withVirtualTime(() -> e.deliver(b, entries(b)), () -> vts, Long.MAX_VALUE)
				.thenAwait(Duration.ofSeconds(1))
				.verifyComplete();

		assertThat(fallback).hasSize(30);
		assertThat(b.droppedByReason()).isEmpty();
		assertThat(b.fallbackCount()).isEqualTo(30);
		assertThat(e.breakerState()).isEqualTo(BreakerState.OPEN);
		assertThat(fx.counter("sluice.delivery.fallback.records")).isEqualTo(30);
	}

	/** A timeout after sending may have stored the records: they are never also handed to the fallback. */
	@Tag("fault-injection")
	@Test
	void aRequestThatTimedOutAfterSendingIsNeverAlsoHandedToTheFallback() {
		List<LogRecord> fallback = new ArrayList<>();
		java.util.Set<Object> timedOut = java.util.concurrent.ConcurrentHashMap.newKeySet();
		// each request's first attempt times out after sending, every later one is refused
		DeliveryEngine<String> e = engine(r -> Mono.defer(() -> timedOut.add(r)
				? Mono.<Outcome>error(new java.util.concurrent.TimeoutException("no answer within 10 s"))
				: Mono.<Outcome>error(new IOException("refused"))))
				.breaker(BreakerPolicy.of(2, Duration.ofSeconds(30))).fallback(fallback::addAll).build();
		Batch b = batch(10); // one request

		StepVerifier.withVirtualTime(() -> e.deliver(b, entries(b)), () -> vts, Long.MAX_VALUE)
				.thenAwait(Duration.ofMinutes(10))
				.verifyComplete();

		assertThat(fallback).isEmpty();
		assertThat(b.fallbackCount()).isZero();
		assertThat(b.droppedByReason()).containsEntry(DeliveryEngine.OUTCOME_UNKNOWN, 10);
		assertThat(fx.status()).contains("may be stored there");
	}

	/** The same failures without the timeout: nothing reached the service, so the fallback takes the records. */
	@Tag("fault-injection")
	@Test
	void aRequestThatNeverReachedTheServiceGoesToTheFallback() {
		List<LogRecord> fallback = new ArrayList<>();
		DeliveryEngine<String> e = engine(r -> Mono.error(new java.net.ConnectException("refused")))
				.breaker(BreakerPolicy.of(2, Duration.ofSeconds(30))).fallback(fallback::addAll).build();
		Batch b = batch(20);

		StepVerifier.withVirtualTime(() -> e.deliver(b, entries(b)), () -> vts, Long.MAX_VALUE)
				.thenAwait(Duration.ofMinutes(10))
				.verifyComplete();

		assertThat(fallback).hasSize(20);
		assertThat(b.droppedCount()).isZero();
	}

	@Test
	void permanentFailuresAreNotRetriedAndReportedOnce() {
		DeliveryEngine<String> e = engine(r -> Mono.error(new DeliveryException(
				Failure.permanent("access_denied", "grant logs:PutLogEvents to the sender's role"), "403"))).build();
		Batch b = batch(25);

		StepVerifier.create(e.deliver(b, entries(b))).verifyComplete();

		assertThat(sent).hasSize(3);
		assertThat(b.droppedByReason()).containsEntry("access_denied", 25);
		assertThat(fx.status().lines().filter(l -> l.contains("grant logs:PutLogEvents"))).hasSize(1);
		assertThat(e.breakerState()).isEqualTo(BreakerState.CLOSED);
	}

	@Test
	void aRequestGivesUpWhenItsTimeBudgetIsSpent() {
		DeliveryEngine<String> e = engine(r -> Mono.error(new IOException("refused")))
				.retry(RetryPolicy.DEFAULT.withMaxElapsed(Duration.ofSeconds(60))).build();
		Batch b = batch(3);

		StepVerifier.withVirtualTime(() -> e.deliver(b, entries(b)), () -> vts, Long.MAX_VALUE)
				.thenAwait(Duration.ofSeconds(59))
				.then(() -> assertThat(b.droppedCount()).isZero())
				.thenAwait(Duration.ofSeconds(2))
				.verifyComplete();
		assertThat(b.droppedByReason()).containsEntry("retries_exhausted", 3);
		assertThat(fx.status()).contains("the service kept failing");
	}

	@Test
	void rejectedEntriesAreCountedWithTheServicesReason() {
		DeliveryEngine<String> e = engine(r -> Mono.just(Outcome.rejected("rejected_too_old", 2)
				.and("rejected_too_new", 1))).build();
		Batch b = batch(10);

		StepVerifier.create(e.deliver(b, entries(b))).verifyComplete();
		assertThat(b.droppedByReason()).containsEntry("rejected_too_old", 2).containsEntry("rejected_too_new", 1);
	}

	@Test
	void aTrickleOfFreshRecordsWaitsForTheLingerButABacklogGoesAtOnce() {
		DeliveryEngine<String> e = engine(r -> Mono.just(Outcome.delivered())).limits(BatchLimits.count(100))
				.linger(Duration.ofSeconds(5)).build();
		Batch fresh = new Batch(List.of(EngineFixture.record(1, EngineFixture.NOW.minusSeconds(2))));

		StepVerifier.withVirtualTime(() -> e.deliver(fresh, entries(fresh)), () -> vts, Long.MAX_VALUE)
				.thenAwait(Duration.ofMillis(2_999))
				.then(() -> assertThat(sent).isEmpty())
				.thenAwait(Duration.ofMillis(1))
				.verifyComplete();
		assertThat(sent).hasSize(1);

		Batch old = batch(3); // logged a minute ago: goes without waiting
		StepVerifier.create(e.deliver(old, entries(old))).verifyComplete();
		assertThat(sent).hasSize(2);
	}

	@Test
	void anOversizedEntryIsDroppedAndTheRestDelivered() {
		DeliveryEngine<String> e = engine(r -> Mono.just(Outcome.delivered())).limits(BatchLimits.of(10, 50)).build();
		Batch b = batch(3);
		List<Entry<String>> entries = new ArrayList<>(entries(b));
		entries.set(1, Entry.of(b.records().get(1), "big", 51));

		StepVerifier.create(e.deliver(b, entries)).verifyComplete();
		assertThat(b.droppedByReason()).containsEntry(DeliveryEngine.TOO_LARGE, 1);
		assertThat(sent).hasSize(1).first().extracting(Request::size).isEqualTo(2);
	}
}
