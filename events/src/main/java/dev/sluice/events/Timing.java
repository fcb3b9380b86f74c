package dev.sluice.events;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;

/**
 * One open {@code begin}: the text's {@code logger.begin("to download the Internet")}. It logs
 * nothing until it is settled, exactly once, by {@link #succeeded}, {@link #failed} or
 * {@link #close()}; each of those logs one event with {@code Duration} set to the time since the
 * begin (by the event logger's clock) and the context given to the begin.
 *
 * <pre>{@code
 * try (Timing t = events.begin("to download the Internet")) {
 *     download();
 *     t.succeeded("Downloaded the entire Internet--it must be 1991");
 * } catch (IOException e) {
 *     // already settled by close(): "Failed to download the Internet", at error
 * }
 * }</pre>
 *
 * <p>Closing an unsettled timing logs the error event {@code "Failed " + begin} without a
 * Detail (Java's try-with-resources does not show the exception to {@code close}; call
 * {@link #failed(Throwable)} in a catch, or use {@link EventLogger#timed(String, java.util.concurrent.Callable)},
 * to have the stack trace). Timings nest: each is its own scope. Thread-safe; settling twice
 * logs once.
 */
public final class Timing implements AutoCloseable {

	private final EventLogger logger;
	private final String begin;
	private final EventContext context;
	private final Attributes base;
	private final UnitOfWork unit;
	private final Instant start;
	private final AtomicBoolean settled = new AtomicBoolean();
	private final Runnable onSettle;

	Timing(EventLogger logger, String begin, EventContext context, Attributes base, UnitOfWork unit,
			Instant start, Runnable onSettle) {
		this.logger = logger;
		this.begin = begin;
		this.context = context;
		this.base = base;
		this.unit = unit;
		this.start = start;
		this.onSettle = onSettle;
	}

	/** The begin message. */
	public String begin() {
		return begin;
	}

	/** The time since the begin, by the event logger's clock. */
	public Duration elapsed() {
		return Duration.between(start, logger.clock().instant());
	}

	/** Whether it has been settled. */
	public boolean settled() {
		return settled.get();
	}

	/** Logs {@code message} at info with Duration; false (and nothing logged) if already settled. */
	public boolean succeeded(String message, Object... args) {
		return settle(Level.INFO, EventContext.empty(), message, args, null);
	}

	/** Like {@link #succeeded(String, Object...)} with attributes of this call added. */
	public boolean succeeded(EventContext call, String message, Object... args) {
		return settle(Level.INFO, call, message, args, null);
	}

	/** Logs {@code message} at error with Detail = the stack trace of {@code error}, and Duration. */
	public boolean failed(String message, Throwable error) {
		return settle(Level.ERROR, EventContext.empty(), message, null, error);
	}

	/** Logs {@code "Failed " + begin} at error with Detail and Duration. */
	public boolean failed(Throwable error) {
		return settle(Level.ERROR, EventContext.empty(), "Failed " + begin, null, error);
	}

	/** Logs {@code "Cancelled " + begin} at warning with Duration. */
	public boolean cancelled() {
		return settle(Level.WARNING, EventContext.empty(), "Cancelled " + begin, null, null);
	}

	/** Logs {@code "Failed " + begin} at error if nothing settled this timing yet. */
	@Override
	public void close() {
		settle(Level.ERROR, EventContext.empty(), "Failed " + begin, null, null);
	}

	private boolean settle(Level level, EventContext call, String message, Object[] args, Throwable error) {
		if (!settled.compareAndSet(false, true)) {
			return false;
		}
		onSettle.run();
		logger.emit(level, context.and(call), base, unit, elapsed(), message, args, error);
		return true;
	}

	@Override
	public String toString() {
		return "Timing{" + begin + (settled.get() ? ", settled" : "") + '}';
	}
}
