package dev.sluice.pipeline.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import dev.sluice.pipeline.DropReasons;
import dev.sluice.pipeline.LogRecord;

/**
 * One drain of a stopping pipeline: closes the entrance and the ingress, lets the router route
 * what was accepted, then retires the sinks in two waves (sinks that others fall back to last, so
 * that what the first wave hands them while draining is still delivered).
 *
 * <p>The deadline counts from the last progress of what is waited for, not from the start: the
 * router is waited for while it routes, a sink while it settles records; one that makes no
 * progress for the whole deadline is given up on and what it holds is counted as dropped
 * ({@code shutdown_deadline}). So a slow sink that keeps up loses nothing at shutdown, and a hung
 * one delays the end by one deadline. Blocks: runs on the pipeline's stop thread or a JVM
 * shutdown hook, never on a Reactor thread.
 */
final class PipelineStop {

	/** How often the drain looks for progress while it waits. */
	private static final long LOOK_NANOS = 20_000_000L;

	private final Entrance entrance;
	private final MpscIngress ingress;
	private final CompletableFuture<Void> routerDone;
	private final LongSupplier routed;
	private final Set<String> fallbackTargets;

	PipelineStop(Entrance entrance, MpscIngress ingress, CompletableFuture<Void> routerDone, LongSupplier routed,
			Set<String> fallbackTargets) {
		this.entrance = entrance;
		this.ingress = ingress;
		this.routerDone = routerDone;
		this.routed = routed;
		this.fallbackTargets = fallbackTargets;
	}

	/** Drains and closes everything; returns whether anything had to be given up on at the deadline. */
	boolean drain(List<SinkRunner> runners, Duration deadline) {
		long stallNanos = deadline.toNanos();
		entrance.close();
		ingress.close();
		boolean reached = !awaitWhileProgressing(routerDone, routed, stallNanos);
		List<SinkRunner> first = new ArrayList<>();
		List<SinkRunner> targets = new ArrayList<>();
		for (SinkRunner r : runners) {
			(fallbackTargets.contains(r.name()) ? targets : first).add(r);
		}
		reached |= !retireAndAwait(first, stallNanos);
		reached |= !retireAndAwait(targets, stallNanos);
		for (SinkRunner r : runners) {
			r.sweepLeftovers();
		}
		List<LogRecord> late = ingress.leftovers();
		if (!late.isEmpty()) {
			entrance.count(reached ? DropReasons.SHUTDOWN_DEADLINE : DropReasons.AFTER_SHUTDOWN, late.size());
		}
		return reached;
	}

	/**
	 * One wave: retires every runner of it, then waits for each while it settles records; one that
	 * stands still for the deadline is abandoned. Returns whether every runner finished.
	 */
	private static boolean retireAndAwait(List<SinkRunner> wave, long stallNanos) {
		for (SinkRunner r : wave) {
			r.retire();
		}
		boolean all = true;
		for (SinkRunner r : wave) {
			if (!awaitWhileProgressing(r.terminated(), r::settled, stallNanos)) {
				all = false;
				r.abandon(DropReasons.SHUTDOWN_DEADLINE);
			}
		}
		return all;
	}

	/**
	 * Waits for {@code done} while {@code progress} keeps moving; false once it stood still for
	 * {@code stallNanos} (or the thread was interrupted).
	 */
	static boolean awaitWhileProgressing(CompletableFuture<Void> done, LongSupplier progress, long stallNanos) {
		long last = progress.getAsLong();
		long deadline = System.nanoTime() + stallNanos;
		while (true) {
			long now = System.nanoTime();
			try {
				done.get(Math.max(0, Math.min(LOOK_NANOS, deadline - now)), TimeUnit.NANOSECONDS);
				return true;
			}
			catch (TimeoutException e) {
				// look for progress
			}
			catch (ExecutionException e) {
				return true;
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
			long p = progress.getAsLong();
			now = System.nanoTime();
			if (p != last) {
				last = p;
				deadline = now + stallNanos;
			}
			else if (now - deadline >= 0) {
				return false;
			}
		}
	}
}
