package dev.sluice.sinks.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.StatusLogger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The delivery engine of one remote sink: it cuts a batch into service-sized requests, sends them
 * with bounded concurrency, retries transient failures with backoff and jitter (honouring
 * {@code Retry-After}), stops hammering a dead service with a circuit breaker, and settles every
 * record: delivered, rejected by the service (dropped with its reason), handed to the fallback
 * handler, or dropped with the reason of the final failure.
 *
 * <h2>How a sink uses it</h2>
 * <pre>{@code
 * public Mono<Void> write(Batch batch) {
 *     List<Entry<Event>> entries = ...;   // encode each record; batch.dropped(n, reason) for the rest
 *     return engine.deliver(batch, entries);
 * }
 * }</pre>
 *
 * <h2>Batching and time</h2>
 * The sink's runner hands a batch only after the previous one settled, and meanwhile its bounded
 * buffer collects the next: under load, batches grow by themselves while requests are in flight.
 * The engine splits each batch by partition, count, bytes and the service's rule, and sends the
 * requests with up to {@code concurrency} in flight. When the whole batch makes one small request
 * (under half of both limits) whose oldest record is younger than {@code linger}, the engine waits
 * until that record is {@code linger} old before sending, so that a trickle of records becomes
 * one request per {@code linger} (CloudWatch's {@code send_interval}) instead of one per record;
 * backlogged records are older than that and go at once. A record therefore waits at most about
 * {@code linger} in the engine, and a shutdown drain waits at most one {@code linger}.
 *
 * <h2>Contract</h2>
 * {@link #deliver} is called by the sink's runner thread, one batch at a time; it does not block.
 * The returned {@code Mono} completes when every entry is settled and never errors for a service
 * failure (the core then counts as delivered what was not marked). Waiting (linger, backoff,
 * breaker) happens on the engine's {@link Scheduler}, so tests drive it with virtual time.
 * When the breaker is open and a fallback is configured, requests give up at once to the fallback
 * (the service is known to be down); without a fallback they wait for the breaker's probe, within
 * the retry budget.
 *
 * @param <E> the service's form of a record
 */
public final class DeliveryEngine<E> {

	/** The drop reason of an entry larger than a whole request may be. */
	public static final String TOO_LARGE = "too_large";

	private final String name;
	private final Sender<E> sender;
	private final FailureClassifier classifier;
	private final RequestCutter<E> cutter;
	private final BatchLimits limits;
	private final int concurrency;
	/** Requests a batch may have in flight now: halved at each throttling answer, grown back by one per success. */
	private final AtomicInteger allowed;
	private final Duration linger;
	private final Scheduler scheduler;
	private final Clock clock;
	private final Consumer<List<LogRecord>> fallback;
	private final StatusLogger status;
	private final CircuitBreaker breaker;
	private final DeliveryRetry retry;
	private final DeliveryMetrics metrics;
	private final Settlement settlement;

	private DeliveryEngine(Builder<E> b) {
		this.name = b.name;
		this.sender = b.sender;
		this.classifier = b.classifier;
		this.limits = b.limits;
		this.cutter = new RequestCutter<>(b.limits, b.partitioner, b.order, b.rule);
		this.concurrency = b.concurrency;
		this.allowed = new AtomicInteger(b.concurrency);
		this.linger = b.linger;
		this.scheduler = b.scheduler;
		this.clock = b.clock != null ? b.clock : b.environment.clock();
		this.fallback = b.fallback;
		this.status = b.environment.status();
		// the breaker reports its changes through the settlement, made once the metrics (which read the breaker) are
		this.breaker = new CircuitBreaker(b.breaker, b.scheduler, this::breakerChanged);
		this.metrics = new DeliveryMetrics(b.environment.meterRegistry(), b.name, breaker);
		this.settlement = new Settlement(b.name, b.fallback, status, metrics);
		this.retry = new DeliveryRetry(b.retry, b.scheduler, b.random, b.fallback != null, metrics::retried);
	}

	/**
	 * A builder for the engine of sink {@code sinkName}, sending with {@code sender}.
	 *
	 * @param environment the sink's environment: its status logger, meter registry and clock
	 */
	public static <E> Builder<E> builder(String sinkName, Sender<E> sender, SinkEnvironment environment) {
		return new Builder<>(sinkName, sender, environment);
	}

	/**
	 * Delivers {@code entries}, made from {@code batch}'s records, and settles each of them on
	 * {@code batch}: see the class comment. Call from the sink's {@code write}; non-blocking.
	 *
	 * @return completes when every entry is settled; errors only on a bug (then the core counts
	 *         the unsettled records as dropped with {@code sink_error})
	 */
	public Mono<Void> deliver(Batch batch, List<Entry<E>> entries) {
		Objects.requireNonNull(batch, "batch");
		List<Entry<E>> oversized = new ArrayList<>();
		List<Request<E>> requests = cutter.cut(entries, oversized);
		if (!oversized.isEmpty()) {
			batch.dropped(oversized.size(), TOO_LARGE);
			status.once("too_large:" + name, "sink " + name, oversized.size() + " record(s) larger than a whole request ("
					+ limits.maxBytes() + " bytes) were dropped (too_large)", null);
		}
		if (requests.isEmpty()) {
			return Mono.empty();
		}
		Mono<Void> send = Flux.fromIterable(requests).flatMap(r -> settle(batch, r), allowed.get()).then();
		long hold = holdMillis(requests);
		return hold <= 0 ? send : Mono.delay(Duration.ofMillis(hold), scheduler).then(send);
	}

	/**
	 * How many requests of a batch may be in flight now: the configured concurrency, halved at each
	 * throttling answer and grown back by one at each success (additive increase, multiplicative
	 * decrease, as TCP does); the next batch is sent with it.
	 */
	public int currentConcurrency() {
		return allowed.get();
	}

	/** The breaker's state now. */
	public BreakerState breakerState() {
		return breaker.state();
	}

	private long holdMillis(List<Request<E>> requests) {
		if (linger.isZero() || requests.size() != 1) {
			return 0;
		}
		Request<E> only = requests.get(0);
		if (only.size() * 2L >= limits.maxCount() || only.bytes() * 2 >= limits.maxBytes()) {
			return 0;
		}
		long oldest = Long.MAX_VALUE;
		for (Entry<E> e : only.entries()) {
			oldest = Math.min(oldest, e.record().epochNanos());
		}
		Instant now = clock.instant();
		long ageMillis = (now.getEpochSecond() * 1_000_000_000L + now.getNano() - oldest) / 1_000_000L;
		return Math.min(linger.toMillis(), Math.max(0, linger.toMillis() - ageMillis));
	}

	private Mono<Void> settle(Batch batch, Request<E> request) {
		metrics.inFlight.incrementAndGet();
		boolean[] first = {true};
		boolean[] maybeStored = {false};
		return Mono.defer(() -> {
			if (!first[0]) {
				batch.retried(request.size());
			}
			first[0] = false;
			return attempt(request).doOnError(Attempted.class, a -> maybeStored[0] |= a.outcomeUnknown());
		})
				.retryWhen(retry)
				.doOnNext(outcome -> settlement.delivered(batch, request, outcome))
				.onErrorResume(e -> {
					settlement.gaveUp(batch, request, e, maybeStored[0]);
					return Mono.empty();
				})
				.doFinally(s -> metrics.inFlight.decrementAndGet())
				.then();
	}

	private Mono<Outcome> attempt(Request<E> request) {
		long wait = breaker.acquire();
		if (wait > 0) {
			return Mono.error(new Attempted(wait));
		}
		Mono<Outcome> sent;
		try {
			sent = Objects.requireNonNull(sender.send(request), "sender returned null");
		}
		catch (RuntimeException e) {
			sent = Mono.error(e);
		}
		return sent
				.switchIfEmpty(Mono.fromSupplier(Outcome::delivered))
				.doOnNext(o -> {
					breaker.success();
					allowed.updateAndGet(n -> Math.min(concurrency, n + 1));
				})
				.onErrorMap(e -> !(e instanceof Attempted), e -> {
					metrics.failed();
					Failure f = classify(e);
					if (f.isThrottled()) {
						allowed.updateAndGet(n -> Math.max(1, n / 2)); // slow down: fewer requests at once
					}
					if (f.isPermanent() || f.isThrottled()) {
						breaker.success(); // it answered: it is up (throttling means slow down, not down)
					}
					else {
						breaker.failure();
					}
					return new Attempted(f, FailureClassifier.unwrap(e));
				})
				.doOnCancel(breaker::release);
	}

	private Failure classify(Throwable error) {
		Throwable e = FailureClassifier.unwrap(error);
		try {
			Failure f = classifier.classify(e);
			return f != null ? f : FailureClassifier.DEFAULT.classify(e);
		}
		catch (RuntimeException bug) {
			return Failure.permanent("classifier_error", "the failure classifier failed (" + bug + ") on " + e);
		}
	}

	/** The drop reason of records given up on after a request that may have been stored (never sent to a fallback). */
	public static final String OUTCOME_UNKNOWN = "outcome_unknown";

	private void breakerChanged(BreakerState state) {
		settlement.breakerChanged(state);
	}

	@Override
	public String toString() {
		return "DeliveryEngine{" + name + ", " + limits + ", concurrency=" + concurrency + ", linger=" + linger + '}';
	}

	/**
	 * Configures an engine; not thread-safe; {@link #build()} validates. Defaults: one partition,
	 * routing order, 10,000 entries and no byte limit per request, concurrency 1, no linger,
	 * {@link RetryPolicy#DEFAULT}, {@link BreakerPolicy#DEFAULT}, {@link FailureClassifier#DEFAULT},
	 * no fallback, timing on {@link Schedulers#parallel()}.
	 */
	public static final class Builder<E> {

		private final String name;
		private final Sender<E> sender;
		private final SinkEnvironment environment;
		private BatchLimits limits = BatchLimits.count(10_000);
		private Function<? super E, ?> partitioner;
		private Comparator<? super E> order;
		private RequestRule<E> rule = RequestRule.none();
		private int concurrency = 1;
		private Duration linger = Duration.ZERO;
		private RetryPolicy retry = RetryPolicy.DEFAULT;
		private BreakerPolicy breaker = BreakerPolicy.DEFAULT;
		private FailureClassifier classifier = FailureClassifier.DEFAULT;
		private Consumer<List<LogRecord>> fallback;
		private Scheduler scheduler = Schedulers.parallel();
		private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
		private Clock clock;

		private Builder(String name, Sender<E> sender, SinkEnvironment environment) {
			this.name = Objects.requireNonNull(name, "sinkName");
			this.sender = Objects.requireNonNull(sender, "sender");
			this.environment = Objects.requireNonNull(environment, "environment");
		}

		/** The most one request may carry. */
		public Builder<E> limits(BatchLimits newLimits) {
			this.limits = Objects.requireNonNull(newLimits, "limits");
			return this;
		}

		/** Entries with different keys never share a request (a CloudWatch stream, a Slack channel). */
		public Builder<E> partitionBy(Function<? super E, ?> partitioner) {
			this.partitioner = Objects.requireNonNull(partitioner, "partitioner");
			return this;
		}

		/** The order of entries within a request (a stable sort; CloudWatch: by timestamp). */
		public Builder<E> orderBy(Comparator<? super E> newOrder) {
			this.order = Objects.requireNonNull(newOrder, "order");
			return this;
		}

		/** The service's own rule for what may share a request. */
		public Builder<E> rule(RequestRule<E> newRule) {
			this.rule = Objects.requireNonNull(newRule, "rule");
			return this;
		}

		/** How many requests may be in flight at once, at least 1. */
		public Builder<E> concurrency(int n) {
			if (n < 1) {
				throw new IllegalArgumentException("concurrency must be at least 1, was " + n);
			}
			this.concurrency = n;
			return this;
		}

		/** How long a trickle of records may wait to share one request (see the class comment). */
		public Builder<E> linger(Duration newLinger) {
			if (newLinger == null || newLinger.isNegative()) {
				throw new IllegalArgumentException("linger must be zero or positive, was " + newLinger);
			}
			this.linger = newLinger;
			return this;
		}

		public Builder<E> retry(RetryPolicy policy) {
			this.retry = Objects.requireNonNull(policy, "retry");
			return this;
		}

		public Builder<E> breaker(BreakerPolicy policy) {
			this.breaker = Objects.requireNonNull(policy, "breaker");
			return this;
		}

		/** The service's classifier; it may return null for the {@link FailureClassifier#DEFAULT}. */
		public Builder<E> classifier(FailureClassifier newClassifier) {
			this.classifier = Objects.requireNonNull(newClassifier, "classifier");
			return this;
		}

		/**
		 * Where records go when a request finally fails, usually
		 * {@code environment.handoff(fallbackHandlerName)}; null: they are counted as dropped.
		 */
		public Builder<E> fallback(Consumer<List<LogRecord>> handoff) {
			this.fallback = handoff;
			return this;
		}

		/** The scheduler every wait runs on (a {@code VirtualTimeScheduler} in tests). */
		public Builder<E> scheduler(Scheduler newScheduler) {
			this.scheduler = Objects.requireNonNull(newScheduler, "scheduler");
			return this;
		}

		/**
		 * The clock that a record's age (for {@link #linger}) is measured against; default the
		 * environment's. A sink whose service judges time by the wall clock passes that, so that a
		 * pipeline clock that replays old times (the {@code ship} command's) does not make old
		 * records look fresh.
		 */
		public Builder<E> clock(Clock newClock) {
			this.clock = Objects.requireNonNull(newClock, "clock");
			return this;
		}

		/** The source of jitter, uniform in [0, 1) (tests make it fixed). */
		public Builder<E> random(DoubleSupplier newRandom) {
			this.random = Objects.requireNonNull(newRandom, "random");
			return this;
		}

		public DeliveryEngine<E> build() {
			return new DeliveryEngine<>(this);
		}
	}
}
