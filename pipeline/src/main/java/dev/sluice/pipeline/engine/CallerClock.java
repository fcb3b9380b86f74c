package dev.sluice.pipeline.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The time a record is stamped with, read on the caller's path as epoch nanoseconds without
 * allocating (issue 12: one object per call).
 *
 * <p>For the system clock ({@link Clock#systemUTC()} or any zone of it) the time is a wall-clock
 * base plus the monotonic time elapsed since it was taken ({@link System#nanoTime()}): one
 * volatile read and one {@code nanoTime}, no {@link Instant}. The base is taken again by
 * {@link #resync()}, which the router thread calls on every batch and tick (at most once per
 * {@link #RESYNC_NANOS}), so a step of the wall clock (NTP, an operator) shows within about a
 * second; between re-syncs the two clocks cannot drift apart, because Linux slews both alike.
 * Like the system clock itself, the time may step back by the size of such a step.
 *
 * <p>Any other clock (a test's fixed or virtual clock, a tick clock) is asked for its
 * {@code instant()} on every call, exactly as before: injected clocks keep their meaning.
 *
 * <p>Thread-safe: {@link #epochNanos()} from any thread, {@link #resync()} from one thread at a
 * time (the router's).
 */
final class CallerClock {

	/** How often the wall-clock base is taken again. */
	static final long RESYNC_NANOS = 1_000_000_000L;
	/** A base read that took longer than this (preempted between the two reads) is taken again. */
	private static final long MAX_READ_WINDOW_NANOS = 20_000L;

	/** The wall-clock reading and the monotonic reading taken at the same moment. */
	private static final class Base {
		final long wallNanos;
		final long monoNanos;

		Base(long wallNanos, long monoNanos) {
			this.wallNanos = wallNanos;
			this.monoNanos = monoNanos;
		}
	}

	/** Non-null when every call asks the clock (not the system clock). */
	private final Clock delegate;
	private final Clock wall;
	/** The monotonic source; null: System.nanoTime(). */
	private final LongSupplier mono;
	private volatile Base base;

	private CallerClock(Clock delegate, Clock wall, LongSupplier mono) {
		this.delegate = delegate;
		this.wall = wall;
		this.mono = mono;
		if (delegate == null) {
			resyncNow();
		}
	}

	/** The clock for {@code clock}: the allocation-free one for the system clock, else {@code clock} itself. */
	static CallerClock of(Clock clock) {
		Objects.requireNonNull(clock, "clock");
		if (clock.getClass() == Clock.systemUTC().getClass()) {
			return new CallerClock(null, Clock.systemUTC(), null);
		}
		return new CallerClock(clock, null, null);
	}

	/** The base-plus-elapsed clock over the given sources (tests drive both by hand). */
	static CallerClock monotonic(Clock wall, LongSupplier mono) {
		return new CallerClock(null, Objects.requireNonNull(wall, "wall"), Objects.requireNonNull(mono, "mono"));
	}

	/** Whether calls read a base plus {@code nanoTime} (true) or ask an injected clock (false). */
	boolean isMonotonic() {
		return delegate == null;
	}

	/** Now, in nanoseconds since the epoch. Allocation-free for the system clock. */
	long epochNanos() {
		Clock d = delegate;
		if (d != null) {
			return toNanos(d.instant());
		}
		Base b = base;
		return b.wallNanos + (monoNanos() - b.monoNanos);
	}

	/** Takes the wall-clock base again if it is older than {@link #RESYNC_NANOS}. Cheap otherwise. */
	void resync() {
		if (delegate == null && monoNanos() - base.monoNanos >= RESYNC_NANOS) {
			resyncNow();
		}
	}

	/** Takes the wall-clock base now: the reading between two monotonic reads, the narrowest of a few tries. */
	void resyncNow() {
		if (delegate != null) {
			return;
		}
		long bestWindow = Long.MAX_VALUE;
		Base best = null;
		for (int i = 0; i < 3 && bestWindow > MAX_READ_WINDOW_NANOS; i++) {
			long before = monoNanos();
			long wallNanos = toNanos(wall.instant());
			long after = monoNanos();
			long window = after - before;
			if (window < bestWindow) {
				bestWindow = window;
				best = new Base(wallNanos, before + window / 2);
			}
		}
		base = best;
	}

	/** System.nanoTime() called directly (an intrinsic) unless a test gave its own source. */
	private long monoNanos() {
		LongSupplier m = mono;
		return m == null ? System.nanoTime() : m.getAsLong();
	}

	static long toNanos(Instant t) {
		return t.getEpochSecond() * 1_000_000_000L + t.getNano();
	}
}
