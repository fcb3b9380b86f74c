package dev.sluice.sinks.bugsnag;

import java.lang.reflect.Field;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.sluice.context.CurrentAttributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import reactor.core.Exceptions;
import reactor.core.publisher.Hooks;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * Catches unhandled errors and hands them, as ERROR records marked unhandled, to a target (the
 * Bugsnag sink's own buffer when {@code auto_notify} is on). Installed only when asked, and
 * never swallowing: every previous handler still runs.
 *
 * <ul>
 * <li>{@link Hooks#onErrorDropped}: an error no subscriber could receive, above all a chain
 * subscribed without an error callback ({@code mono.subscribe()}), which Reactor signals as
 * {@code ErrorCallbackNotImplemented} (reported as its cause). Reactor's dropped-error hooks are
 * cumulative, so hooks installed before still run; when there was none, Reactor's default (an
 * ERROR line on its logger) is kept by logging it the same way.</li>
 * <li>The default uncaught-exception handler: a thread that dies of an exception, including
 * Reactor's scheduler threads (Reactor hands task errors to it). The previous default handler
 * is called after the report; when there was none, the JVM's message is printed as the JVM would.</li>
 * <li>{@link Hooks#onOperatorError} is deliberately not used to report: it sees every error an
 * operator raises, including those a later {@code onErrorResume} handles, so reporting there
 * would call handled errors unhandled and report them twice. Only what truly escapes is
 * reported.</li>
 * </ul>
 * The context of the record is the thread's {@link CurrentAttributes} at the time of the error
 * (filled when automatic context propagation is on): Reactor's global hooks do not receive the
 * subscriber's Context.
 *
 * <p>Thread-safety: hooks run on whatever thread failed; handing over is non-blocking.
 * {@link #close} disarms the Reactor hook (Reactor offers no way to remove one hook of several)
 * and restores the previous uncaught-exception handler if ours is still the installed one.
 */
public final class BugsnagHooks implements AutoCloseable {

	/** The logger name of records made for unhandled errors. */
	public static final String LOGGER = "sluice.bugsnag.unhandled";

	private static final Logger REACTOR_LOG = Loggers.getLogger("reactor.core.publisher.Operators");

	private final Consumer<? super LogRecord> target;
	private final AtomicBoolean armed = new AtomicBoolean(true);
	private final boolean reactorHadHook;
	private final Thread.UncaughtExceptionHandler previousUncaught;
	private final Thread.UncaughtExceptionHandler uncaught;

	private BugsnagHooks(Consumer<? super LogRecord> target) {
		this.target = target;
		this.reactorHadHook = reactorHasOnErrorDroppedHook();
		Hooks.onErrorDropped(this::dropped);
		this.previousUncaught = Thread.getDefaultUncaughtExceptionHandler();
		this.uncaught = this::uncaught;
		Thread.setDefaultUncaughtExceptionHandler(uncaught);
	}

	/**
	 * Installs the hooks; each unhandled error becomes an ERROR record with the error as its
	 * throwable and the attribute {@code sluice.bugsnag.unhandled} naming how it was caught,
	 * given to {@code target} (which must not block).
	 */
	public static BugsnagHooks install(Consumer<? super LogRecord> target) {
		return new BugsnagHooks(Objects.requireNonNull(target, "target"));
	}

	private void dropped(Throwable error) {
		if (armed.get()) {
			Throwable e = Exceptions.isErrorCallbackNotImplemented(error) && error.getCause() != null
					? error.getCause() : error;
			report(e, "Reactor onErrorDropped", "An error was dropped by a Reactor chain (no error handler)");
		}
		if (!reactorHadHook) {
			REACTOR_LOG.error("Operator called default onErrorDropped", error);
		}
	}

	private void uncaught(Thread thread, Throwable error) {
		if (armed.get()) {
			report(error, "uncaught exception handler", "Uncaught exception in thread " + thread.getName());
		}
		if (previousUncaught != null) {
			previousUncaught.uncaughtException(thread, error);
		}
		else if (!(error instanceof ThreadDeath)) {
			System.err.print("Exception in thread \"" + thread.getName() + "\" ");
			error.printStackTrace(System.err);
		}
	}

	private void report(Throwable error, String mechanism, String message) {
		try {
			Thread t = Thread.currentThread();
			target.accept(LogRecord.builder(Level.ERROR, LOGGER, message).thrown(error)
					.thread(t.getName(), t.getId())
					.attributes(CurrentAttributes.get().with(BugsnagEvents.UNHANDLED, mechanism)).build());
		}
		catch (RuntimeException e) {
			// the report must never replace the error it reports; the previous handlers still run
		}
	}

	/** Disarms the hooks; see the class comment. */
	@Override
	public void close() {
		if (armed.compareAndSet(true, false)) {
			if (Thread.getDefaultUncaughtExceptionHandler() == uncaught) {
				Thread.setDefaultUncaughtExceptionHandler(previousUncaught);
			}
		}
	}

	/** Reactor keeps its hook in a package-private field; read it to keep Reactor's default when alone. */
	private static boolean reactorHasOnErrorDroppedHook() {
		try {
			Field f = Hooks.class.getDeclaredField("onErrorDroppedHook");
			f.setAccessible(true);
			return f.get(null) != null;
		}
		catch (ReflectiveOperationException | RuntimeException e) {
			return false;
		}
	}
}
