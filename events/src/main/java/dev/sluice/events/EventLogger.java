package dev.sluice.events;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import dev.sluice.context.Attributes;
import dev.sluice.context.CurrentAttributes;
import dev.sluice.context.LogContext;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.Logger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * CycleServer's event logger over a Sluice {@link Logger}: every call at info and above logs the
 * normal record through the wrapped logger, exactly as that logger would (its level, its
 * handlers), <em>and</em> an event; trace and debug log only the normal record.
 *
 * <pre>{@code
 * EventLogger events = Events.logger(sluice, "my.module");
 * events.info(EventContext.of("AffectedUser", name).category("auth"), "Created new user {}", name);
 * }</pre>
 *
 * <p><b>How an event travels.</b> An event is a second log record, made on the caller's thread
 * and offered to the pipeline like any other: logger {@value Events#LOGGER_NAME}, same level and
 * message, with the attribute {@value EventKeys#MARKER}{@code =true} and the event's attributes
 * (Module, Category, Priority, Primary, the unit of work's and the call's). The events sink
 * (handler class {@code sluice.events}) stores only records with the marker. So the normal
 * record stays unchanged for every other handler, events have their own level and handlers
 * (configure logger {@value Events#LOGGER_NAME} at INFO with {@code propagate: false} and the
 * events handler), and they get the pipeline's batching, isolation and drop accounting: an
 * event that cannot be queued is counted as dropped, never silently lost. Id and Detail are
 * made by the sink, off the caller's thread.
 *
 * <p><b>Context.</b> The imperative methods read the current thread's unit of work: an
 * {@link EventScope}, or a chain's when Micrometer context-propagation restores it
 * ({@code Hooks.enableAutomaticContextPropagation()}). Inside a Reactor chain without that hook
 * use {@link #reactive()} (Monos that read the subscriber's context) or {@link #in(ContextView)}.
 *
 * <p>Thread-safe and non-blocking: a call costs the level checks, two small records and two
 * queue offers. Bad attributes are an {@link IllegalArgumentException} at the call.
 */
public final class EventLogger implements EventMethods {

	private static final int MAX_FLAGGED = 256;

	private final Logger logger;
	private final Logger eventLogger;
	private final Clock clock;
	private final EventStore store;
	private final Set<String> flaggedBegins = ConcurrentHashMap.newKeySet();
	private final ReactiveEvents reactive;

	EventLogger(Logger logger, Logger eventLogger, Clock clock, EventStore store) {
		this.logger = Objects.requireNonNull(logger, "logger");
		this.eventLogger = Objects.requireNonNull(eventLogger, "eventLogger");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.store = store;
		this.reactive = new ReactiveEvents(this);
	}

	/** The module name: the wrapped logger's name, which events carry as {@code Module}. */
	public String name() {
		return logger.name();
	}

	/** The wrapped logger. */
	public Logger logger() {
		return logger;
	}

	/** The clock durations are measured with. */
	public Clock clock() {
		return clock;
	}

	/** This logger measuring durations with {@code newClock} (tests: a clock they advance). */
	public EventLogger withClock(Clock newClock) {
		return new EventLogger(logger, eventLogger, newClock, store);
	}

	/** This logger with the store {@link #resume} searches. */
	public EventLogger withStore(EventStore newStore) {
		return new EventLogger(logger, eventLogger, clock, Objects.requireNonNull(newStore, "store"));
	}

	// ---- imperative: the current thread's unit of work ---------------------------------------

	public void trace(String message, Object... args) {
		logger.trace(message, args);
	}

	public void debug(String message, Object... args) {
		logger.debug(message, args);
	}

	/** Logs at {@code level}: an event too when it is INFO or above. A trailing Throwable is the Detail. */
	@Override
	public void log(Level level, EventContext context, String message, Object... args) {
		Objects.requireNonNull(context, "context");
		emit(level, context, CurrentAttributes.get(), UnitOfWork.current(), null, message, args, null);
	}

	/**
	 * Pushes {@code context} onto the current unit of work's stack (the text's {@code logger.add}):
	 * every later event of the unit carries it until {@link #remove()}.
	 *
	 * @throws IllegalStateException when the thread has no unit of work (no {@link EventScope},
	 *                               no propagated chain context)
	 */
	public void add(EventContext context) {
		Objects.requireNonNull(context, "context");
		requireUnit("add").push(context);
	}

	/** {@code add(EventContext.of(name, value))}. */
	public void add(String name, Object value) {
		add(EventContext.of(name, value));
	}

	/**
	 * Pops the last {@link #add} of the current unit of work; returns false when nothing was
	 * there to pop (the text's stack pairs every add with a remove).
	 *
	 * @throws IllegalStateException when the thread has no unit of work
	 */
	public boolean remove() {
		return requireUnit("remove").pop();
	}

	private static UnitOfWork requireUnit(String what) {
		UnitOfWork unit = UnitOfWork.current();
		if (unit == null) {
			throw new IllegalStateException(what + "() needs a unit of work: open an EventScope (Events.scope), or run inside "
					+ "Events.unitOfWork with Hooks.enableAutomaticContextPropagation(), or use reactive()." + what + "(...)");
		}
		return unit;
	}

	// ---- begin / succeeded / failed ------------------------------------------------------------

	/**
	 * Starts timing an operation (logs nothing yet). The returned {@link Timing} is also the
	 * innermost open begin of the current unit of work, which {@link #succeeded} and
	 * {@link #failed} settle.
	 */
	public Timing begin(String message) {
		return begin(EventContext.empty(), message);
	}

	/** Like {@link #begin(String)}, with attributes that the outcome's event carries. */
	public Timing begin(EventContext context, String message) {
		return begin(context, message, CurrentAttributes.get(), UnitOfWork.current());
	}

	Timing begin(EventContext context, String message, Attributes base, UnitOfWork unit) {
		Objects.requireNonNull(message, "message");
		Objects.requireNonNull(context, "context");
		checkInfinitive(message);
		Timing[] self = new Timing[1];
		Timing t = new Timing(this, message, context, base, unit, clock.instant(), () -> {
			if (unit != null) {
				unit.removeTiming(self[0]);
			}
		});
		self[0] = t;
		if (unit != null) {
			unit.pushTiming(t);
		}
		return t;
	}

	/**
	 * Settles the innermost open {@link #begin} of the current unit of work with {@code message}
	 * at info and Duration set.
	 *
	 * @throws IllegalStateException when no begin is open in the current unit of work
	 */
	public void succeeded(String message, Object... args) {
		innermost("succeeded").succeeded(message, args);
	}

	/** Settles the innermost open begin with {@code message} at error, Detail and Duration. */
	public void failed(String message, Throwable error) {
		innermost("failed").failed(message, error);
	}

	private static Timing innermost(String what) {
		UnitOfWork unit = requireUnit(what);
		Timing t = unit.innermostTiming();
		if (t == null) {
			throw new IllegalStateException(what + "() without an open begin() in this unit of work");
		}
		return t;
	}

	/**
	 * Runs {@code work} timed: its result is returned after the success event ({@code success}
	 * at info, with Duration); an exception logs {@code "Failed " + begin} at error with the
	 * stack trace as Detail and is rethrown.
	 */
	public <T> T timed(String begin, String success, Callable<T> work) throws Exception {
		try (Timing t = begin(begin)) {
			T result;
			try {
				result = work.call();
			}
			catch (Exception | Error e) {
				t.failed(e);
				throw e;
			}
			t.succeeded(success);
			return result;
		}
	}

	/** {@link #timed(String, String, Callable)} with the success message {@code "Succeeded " + begin}. */
	public <T> T timed(String begin, Callable<T> work) throws Exception {
		return timed(begin, "Succeeded " + begin, work);
	}

	/**
	 * Times {@code source} per subscription: on success logs {@code success} at info with
	 * Duration; on error {@code "Failed " + begin} at error with Detail and Duration; on cancel
	 * {@code "Cancelled " + begin} at warning with Duration. Events carry the subscriber's
	 * context and {@code context}. Nesting is free: each operator is its own scope.
	 */
	public <T> Mono<T> timed(EventContext context, String begin, String success, Mono<T> source) {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(success, "success");
		Objects.requireNonNull(context, "context");
		checkInfinitive(begin);
		return Mono.deferContextual(ctx -> {
			Timing t = timing(context, begin, ctx);
			return source.doOnSuccess(v -> t.succeeded(success))
					.doOnError(t::failed)
					.doOnCancel(t::cancelled);
		});
	}

	public <T> Mono<T> timed(String begin, String success, Mono<T> source) {
		return timed(EventContext.empty(), begin, success, source);
	}

	/** {@link #timed(String, String, Mono)} with the success message {@code "Succeeded " + begin}. */
	public <T> Mono<T> timed(String begin, Mono<T> source) {
		return timed(EventContext.empty(), begin, "Succeeded " + begin, source);
	}

	/** As for Mono; success is completion. */
	public <T> Flux<T> timed(EventContext context, String begin, String success, Flux<T> source) {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(success, "success");
		Objects.requireNonNull(context, "context");
		checkInfinitive(begin);
		return Flux.deferContextual(ctx -> {
			Timing t = timing(context, begin, ctx);
			return source.doOnComplete(() -> t.succeeded(success))
					.doOnError(t::failed)
					.doOnCancel(t::cancelled);
		});
	}

	public <T> Flux<T> timed(String begin, String success, Flux<T> source) {
		return timed(EventContext.empty(), begin, success, source);
	}

	public <T> Flux<T> timed(String begin, Flux<T> source) {
		return timed(EventContext.empty(), begin, "Succeeded " + begin, source);
	}

	private Timing timing(EventContext context, String begin, ContextView ctx) {
		// not on the unit's begin stack: the operator settles it itself
		return new Timing(this, begin, context, LogContext.attributes(ctx), Events.unit(ctx), clock.instant(), () -> {
		});
	}

	private void checkInfinitive(String begin) {
		if (!begin.startsWith("to ") && flaggedBegins.size() < MAX_FLAGGED && flaggedBegins.add(begin)
				&& logger.isDebugEnabled()) {
			logger.debug("begin message '{}' does not start with \"to \": its failure reads \"Failed {}\"", begin, begin);
		}
	}

	// ---- Reactor Context forms -------------------------------------------------------------------

	/** Monos that log (or add/remove) with the subscriber's context. */
	public ReactiveEvents reactive() {
		return reactive;
	}

	/** This logger bound to {@code context} (a signal's, or a deferContextual's). */
	public ContextualEvents in(ContextView context) {
		return new ContextualEvents(this, LogContext.attributes(context), Events.unit(context));
	}

	// ---- resume ----------------------------------------------------------------------------------

	/**
	 * Runs {@code work} as part of an earlier operation: finds (in the store given with
	 * {@link #withStore}) the most recent Primary event whose {@code attribute} equals
	 * {@code value}; {@code work} then runs with that event's OperationId and User, a new
	 * ActivityId, and its events are not Primary unless a call says {@code primary(true)}. When
	 * nothing matches, an error event says so and {@code work} runs with a new OperationId.
	 *
	 * @throws IllegalStateException (at the call) when this logger has no store
	 */
	public <T> Mono<T> resume(String attribute, Object value, Mono<T> work) {
		return Resume.mono(this, requireStore(), attribute, AttributeValues.strict(attribute, value), work);
	}

	/** {@link #resume(String, Object, Mono)} for a Flux. */
	public <T> Flux<T> resume(String attribute, Object value, Flux<T> work) {
		return Resume.flux(this, requireStore(), attribute, AttributeValues.strict(attribute, value), work);
	}

	/**
	 * The text's expression form: {@code events.resume("MyCustomId === " + Events.quote(id), work)}.
	 *
	 * @throws IllegalArgumentException when the expression is not {@code Name === literal}
	 */
	public <T> Mono<T> resume(String expression, Mono<T> work) {
		ResumeExpression e = ResumeExpression.parse(expression);
		return resume(e.attribute(), e.value(), work);
	}

	/** The expression form for a Flux. */
	public <T> Flux<T> resume(String expression, Flux<T> work) {
		ResumeExpression e = ResumeExpression.parse(expression);
		return resume(e.attribute(), e.value(), work);
	}

	private EventStore requireStore() {
		if (store == null) {
			throw new IllegalStateException("resume needs the event store: events.withStore(store)");
		}
		return store;
	}

	// ---- the one path to the pipeline ------------------------------------------------------------

	/**
	 * Logs the normal record and, at INFO and above, the event record ({@link EventRecords}).
	 */
	void emit(Level level, EventContext call, Attributes base, UnitOfWork unit, Duration duration, String message,
			Object[] args, Throwable thrown) {
		EventRecords.emit(logger, eventLogger, level, call, base, unit, duration, message, args, thrown);
	}

	@Override
	public String toString() {
		return "EventLogger{" + logger.name() + '}';
	}
}
