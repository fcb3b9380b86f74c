package dev.sluice.pipeline;


import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * Who stops a pipeline, once: an explicit {@code shutdown}, or the JVM shutdown hook the pipeline
 * registers (unless an owner disowned it). The stop runs on a plain thread, never a Reactor
 * scheduler (at JVM exit another hook may already have disposed them), and every caller gets the
 * one report. Thread-safe.
 */
final class ShutdownControl {

	private final Function<Duration, ShutdownReport> stop;
	private final AtomicBoolean started = new AtomicBoolean();
	private final CompletableFuture<ShutdownReport> stopped = new CompletableFuture<>();
	private final AtomicBoolean disowned = new AtomicBoolean();
	private final Thread hook;

	/** {@code stop} drains the pipeline (blocking); {@code hookDeadline}: null for no JVM hook. */
	ShutdownControl(Function<Duration, ShutdownReport> stop, Duration hookDeadline) {
		this.stop = stop;
		if (hookDeadline != null) {
			hook = new Thread(() -> stopFromHook(hookDeadline), "sluice-shutdown");
			Runtime.getRuntime().addShutdownHook(hook);
		}
		else {
			hook = null;
		}
	}

	/** Starts the stop (the first call) and returns the report to come. */
	Mono<ShutdownReport> shutdown(Duration deadline) {
		if (started.compareAndSet(false, true)) {
			Thread t = new Thread(() -> run(deadline), "sluice-stop");
			t.setDaemon(true);
			t.start();
		}
		return Mono.fromFuture(stopped, true);
	}

	/** See {@link Sluice#disownShutdownHook()}. */
	boolean disownHook() {
		if (hook == null || !disowned.compareAndSet(false, true)) {
			return false;
		}
		try {
			return Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException exiting) {
			return false;
		}
	}

	/** After a stop that the hook did not run: the hook is not needed any more. */
	void removeHookUnlessRunningIt() {
		if (hook != null && Thread.currentThread() != hook) {
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			}
			catch (IllegalStateException alreadyShuttingDown) {
				// the JVM is exiting; the hook is running or will find the report cached
			}
		}
	}

	/** The hook's path: stops on the hook's own thread, or waits for a stop under way. */
	private void stopFromHook(Duration deadline) {
		if (started.compareAndSet(false, true)) {
			run(deadline);
			return;
		}
		try {
			stopped.get(); // the stop under way ends by itself: it gives up on a sink that stops progressing
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException e) {
			// nothing more to do at exit
		}
	}

	private void run(Duration deadline) {
		try {
			stopped.complete(stop.apply(deadline));
		}
		catch (Throwable t) {
			stopped.completeExceptionally(t);
		}
	}
}
