package dev.sluice.pipeline;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.sluice.context.Attributes;
import dev.sluice.context.CurrentAttributes;
import dev.sluice.context.LogContext;
import reactor.core.publisher.Signal;
import reactor.util.context.ContextView;

/**
 * A named logger in Python's dotted hierarchy ({@code "jibe.provider.sync"}).
 *
 * <p>Three ways to log, all non-blocking:
 * <ol>
 * <li>Imperative, here: {@code log.info("synced {} in {} ms", bucket, ms)}. The record carries
 * the attributes of the thread's current unit of work when Micrometer context-propagation has
 * restored them ({@link CurrentAttributes}), else none.</li>
 * <li>Reactive, {@link #reactive()}: {@code log.reactive().info("...")} returns a
 * {@code Mono<Void>} that logs with the attributes of the subscriber's Reactor Context.</li>
 * <li>Inside operators: {@code flux.doOnEach(log.onNext(Level.INFO, v -> "got " + v))}, or
 * {@code log.in(contextView).info(...)}, which read the context of the signal at hand.</li>
 * </ol>
 *
 * <p>Cost to the caller: a disabled level is one volatile read, no lock, no allocation. An
 * enabled one allocates the record (64 bytes; calls with more than two arguments also the varargs
 * array, as in SLF4J) and offers it to a bounded lock-free queue; formatting, routing and I/O
 * happen on other threads. When the queue is full the call is counted as dropped
 * ({@code ingress_full}) before anything is built, and returns: it never blocks and never spins,
 * unless the pipeline was built with {@code callerWait} (then a caller that is not on a Reactor
 * non-blocking thread waits up to that long for room).
 *
 * <p>Messages use SLF4J's {@code {}} placeholders, filled lazily off the caller's thread;
 * arguments must not be mutated after the call. A {@link Throwable} as the last argument is
 * the record's throwable, as in SLF4J.
 *
 * <p>Thread-safe. Loggers are cached by name: the same name gives the same instance.
 */
public final class Logger extends LevelCalls {

	private final LoggerRegistry registry;
	private final Logger parent;
	/** Effective level number; Integer.MAX_VALUE when disabled. Written by the registry on reconfiguration, read by every call. */
	private volatile int threshold;
	/**
	 * While the logger is disabled: the level number it would log from otherwise, so that the
	 * records it refuses are counted ({@code logger_disabled}); Integer.MAX_VALUE while enabled.
	 */
	private volatile int disabledThreshold = Integer.MAX_VALUE;
	private final ReactiveLogger reactive;
	/** The name as this logger's records carry it, with their cached route. */
	final RoutedName routedName;

	Logger(String name, Logger parent, LoggerRegistry registry, int threshold) {
		this.routedName = new RoutedName(name);
		this.parent = parent;
		this.registry = registry;
		this.threshold = threshold;
		this.reactive = new ReactiveLogger(this);
	}

	/** {@return the dotted name; {@code "root"} for the root logger} */
	public String name() {
		return routedName.name;
	}

	/** {@return the parent in the hierarchy, or null for the root} */
	public Logger parent() {
		return parent;
	}

	/** {@return the level records must reach to be logged: the nearest configured ancestor's} */
	public Level effectiveLevel() {
		int t = threshold;
		return Level.of(t);
	}

	/**
	 * Whether records at {@code level} are logged: one volatile read.
	 *
	 * @param level the level of a record that might be logged
	 * @return {@code true} if records at {@code level} are logged
	 */
	public boolean isEnabled(Level level) {
		return level.value() >= threshold;
	}

	/** {@return whether a TRACE record would be taken} */
	public boolean isTraceEnabled() {
		return 5 >= threshold;
	}

	/** {@return whether a DEBUG record would be taken} */
	public boolean isDebugEnabled() {
		return 10 >= threshold;
	}

	/** {@return whether an INFO record would be taken} */
	public boolean isInfoEnabled() {
		return 20 >= threshold;
	}

	/** {@return whether a WARNING record would be taken} */
	public boolean isWarnEnabled() {
		return 30 >= threshold;
	}

	/** {@return whether an ERROR record would be taken} */
	public boolean isErrorEnabled() {
		return 40 >= threshold;
	}

	void threshold(int value) {
		this.threshold = value;
		this.disabledThreshold = Integer.MAX_VALUE;
	}

	/** Disables the logger; {@code wouldBe}: the threshold it has when enabled. */
	void disable(int wouldBe) {
		this.disabledThreshold = wouldBe;
		this.threshold = Integer.MAX_VALUE;
	}

	/** {@return whether the logger is disabled (by {@code disable_existing_loggers} or its {@code disabled} flag)} */
	public boolean isDisabled() {
		return threshold == Integer.MAX_VALUE && disabledThreshold != Integer.MAX_VALUE;
	}

	/** A call the level check refused: counted when the logger is disabled and would log {@code level} otherwise. */
	void refused(Level level) {
		if (level.value() >= disabledThreshold) {
			registry.refusedByDisabled(this);
		}
	}

	// ---- imperative API ------------------------------------------------------------------------

	/**
	 * Logs {@code message} at {@code level}.
	 *
	 * @param level the record's level
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 */
	@Override
	public void log(Level level, String message) {
		if (isEnabled(level)) {
			emit(level, message, null, null, null /* the thread's current attributes, read only if the record is built */);
		}
		else {
			refused(level);
		}
	}

	/**
	 * Logs {@code message} at {@code level} with one argument.
	 *
	 * @param level the record's level
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg the argument of the message's {@code {}}
	 */
	@Override
	public void log(Level level, String message, Object arg) {
		if (isEnabled(level)) {
			if (arg instanceof Throwable) {
				emit(level, message, null, (Throwable) arg, null);
			}
			else {
				registry.emit(this, level, message, arg, LogRecord.ABSENT, null, null, null);
			}
		}
		else {
			refused(level);
		}
	}

	/**
	 * Logs {@code message} at {@code level} with two arguments.
	 *
	 * @param level the record's level
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param arg1 the argument of the message's first {@code {}}
	 * @param arg2 the argument of the message's second {@code {}}
	 */
	@Override
	public void log(Level level, String message, Object arg1, Object arg2) {
		if (isEnabled(level)) {
			if (arg2 instanceof Throwable) {
				registry.emit(this, level, message, arg1, LogRecord.ABSENT, null, (Throwable) arg2,
						null);
			}
			else {
				// no varargs array: the record holds up to two arguments inline (issue 12, caller allocation)
				registry.emit(this, level, message, arg1, arg2, null, null, null);
			}
		}
		else {
			refused(level);
		}
	}

	/**
	 * Logs {@code message} at {@code level} with its arguments.
	 *
	 * @param level the record's level
	 * @param message the message; each {@code {}} in it is replaced by the next argument
	 * @param args the arguments of the message's {@code {}}s, in order; a last {@code Throwable} without a
	 *     {@code {}} of its own becomes the record's throwable
	 */
	@Override
	public void log(Level level, String message, Object... args) {
		if (isEnabled(level)) {
			emitArgs(level, message, args, null);
		}
		else {
			refused(level);
		}
	}

	/**
	 * A fluent call at {@code level}: attributes, a throwable, an explicit context.
	 *
	 * @param level the record's level
	 * @return a fluent call at {@code level}
	 */
	public LogCall atLevel(Level level) {
		return new LogCall(this, level);
	}

	/** {@return a call at INFO, to add attributes or a cause before logging} */
	public LogCall atInfo() {
		return atLevel(Level.INFO);
	}

	/** {@return a call at WARNING, to add attributes or a cause before logging} */
	public LogCall atWarn() {
		return atLevel(Level.WARNING);
	}

	/** {@return a call at ERROR, to add attributes or a cause before logging} */
	public LogCall atError() {
		return atLevel(Level.ERROR);
	}

	/** {@return a call at DEBUG, to add attributes or a cause before logging} */
	public LogCall atDebug() {
		return atLevel(Level.DEBUG);
	}

	// ---- Reactor Context forms -----------------------------------------------------------------

	/** {@return the reactive view: each call returns a {@code Mono<Void>} that logs at subscription} */
	public ReactiveLogger reactive() {
		return reactive;
	}

	/**
	 * This logger bound to the attributes of {@code context} (a signal's or a deferContextual's).
	 *
	 * @param context the Reactor context whose attributes the records carry
	 * @return this logger bound to the attributes of {@code context} (a signal's or a deferContextual's)
	 */
	public ContextualLogger in(ContextView context) {
		return new ContextualLogger(this, LogContext.attributes(context));
	}

	/**
	 * For {@code doOnEach}: logs each onNext value with the signal's context attributes.
	 * {@code flux.doOnEach(log.onNext(Level.INFO, v -> "got " + v))}
	 *
	 * @param <T> the type of the signal's values
	 * @param level the records' level
	 * @param message makes the message from the value
	 * @return a consumer for {@code doOnEach}; it never throws
	 */
	public <T> Consumer<Signal<T>> onNext(Level level, Function<? super T, String> message) {
		Objects.requireNonNull(message, "message");
		return signal -> {
			if (signal.isOnNext() && isEnabled(level)) {
				emit(level, message.apply(signal.get()), null, null,
						LogContext.attributes(signal.getContextView()));
			}
		};
	}

	/**
	 * For {@code doOnEach}: logs an onError signal with its throwable and the signal's context.
	 * {@code mono.doOnEach(log.onError(Level.ERROR, "sync failed"))}
	 *
	 * @param <T> the type of the signal's values
	 * @param level the records' level
	 * @param message the message; the throwable is the record's
	 * @return a consumer for {@code doOnEach}; it never throws
	 */
	public <T> Consumer<Signal<T>> onError(Level level, String message) {
		return signal -> {
			if (signal.isOnError() && isEnabled(level)) {
				emit(level, message, null, signal.getThrowable(), LogContext.attributes(signal.getContextView()));
			}
		};
	}

	/**
	 * For {@code doOnEach}: logs onComplete with the signal's context.
	 *
	 * @param <T> the type of the signal's values
	 * @param level the records' level
	 * @param message the message
	 * @return a consumer for {@code doOnEach}; it never throws
	 */
	public <T> Consumer<Signal<T>> onComplete(Level level, String message) {
		return signal -> {
			if (signal.isOnComplete() && isEnabled(level)) {
				emit(level, message, null, null, LogContext.attributes(signal.getContextView()));
			}
		};
	}

	// ---- the one path into the pipeline --------------------------------------------------------

	/** {@code attributes}: null for the thread's current ones, read only if the record is built. */
	void emitArgs(Level level, String message, Object[] args, Attributes attributes) {
		Throwable thrown = null;
		if (args != null && args.length > 0 && args[args.length - 1] instanceof Throwable) {
			thrown = (Throwable) args[args.length - 1];
			args = java.util.Arrays.copyOf(args, args.length - 1);
		}
		emit(level, message, args, thrown, attributes);
	}

	void emit(Level level, String message, Object[] args, Throwable thrown, Attributes attributes) {
		int n = args == null ? 0 : args.length;
		if (n > 2) {
			registry.emit(this, level, message, LogRecord.ABSENT, LogRecord.ABSENT, args, thrown, attributes);
		}
		else {
			registry.emit(this, level, message, n > 0 ? args[0] : LogRecord.ABSENT, n > 1 ? args[1] : LogRecord.ABSENT,
					null, thrown, attributes);
		}
	}

	@Override
	public String toString() {
		return "Logger{" + routedName.name + ", effectiveLevel=" + effectiveLevel() + '}';
	}
}
