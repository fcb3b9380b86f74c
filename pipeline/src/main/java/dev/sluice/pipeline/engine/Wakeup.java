package dev.sluice.pipeline.engine;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Lets one consumer thread sleep while its queue is empty and producers wake it without locks.
 *
 * <p>Consumer: {@code prepare()}, re-check the queue, {@code park(nanos)} if still empty.
 * Producer: offer, then {@code signal()}: one volatile read when the consumer is awake, one CAS
 * and an unpark when it sleeps (only one producer pays for the unpark). The re-check after
 * {@code prepare()} closes the lost-wake-up race (the producer's queue index update and the
 * consumer's waiter write are both full fences); the park timeout is a second safety net.
 *
 * <p>The consumer may also {@link #nap} instead: a timed sleep during which ordinary signals do
 * nothing (producers pay one volatile read), so that records coming a few milliseconds apart are
 * taken together after the nap rather than one wake-up each; {@link #signalNow()} ends a nap too.
 */
final class Wakeup {

	/** How long an idle consumer parks at most: a safety net only, producers signal it. */
	static final long IDLE_PARK_NANOS = 1_000_000_000L;

	/** The parked consumer, or null while it is awake. Written by the consumer, cleared by a waking producer. */
	private final AtomicReference<Thread> waiter = new AtomicReference<>();
	/** The napping consumer, or null; only {@link #signalNow()} wakes it. */
	private volatile Thread napper;

	/** Consumer: announces it is about to sleep. */
	void prepare() {
		waiter.set(Thread.currentThread());
	}

	/** Consumer: sleeps up to {@code nanos} unless signalled since {@link #prepare()}. */
	void park(long nanos) {
		if (waiter.get() != null) {
			LockSupport.parkNanos(this, nanos);
		}
		waiter.set(null);
	}

	/** Consumer: does not sleep after all. */
	void cancel() {
		waiter.set(null);
	}

	/**
	 * Consumer: sleeps up to {@code nanos}; ordinary {@link #signal()}s do not end the nap, only
	 * {@link #signalNow()}.
	 */
	void nap(long nanos) {
		nap(nanos, () -> true);
	}

	/**
	 * {@link #nap(long)} unless {@code stillNap}, asked once the nap is announced, says no: a
	 * producer that changed the condition before it could see the nap is not missed.
	 */
	void nap(long nanos, java.util.function.BooleanSupplier stillNap) {
		Thread me = Thread.currentThread();
		napper = me;
		if (!stillNap.getAsBoolean()) {
			napper = null;
			return;
		}
		long deadline = System.nanoTime() + nanos;
		// parks again after a spurious return or a permit left from an earlier unpark: only the
		// deadline or signalNow() (which clears napper) ends the nap
		while (napper == me) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				break;
			}
			LockSupport.parkNanos(this, left);
		}
		napper = null;
	}

	/** Whether the consumer naps now (a hint for producers deciding to {@link #signalNow()}). */
	boolean napping() {
		return napper != null;
	}

	/** Producer or controller: wakes the consumer whether it sleeps or naps. */
	void signalNow() {
		Thread t = napper;
		if (t != null) {
			napper = null; // ends the nap; a stale call may end a later nap early, which is harmless
			LockSupport.unpark(t);
		}
		signal();
	}

	/** Producer: wakes the consumer if it sleeps (not if it naps). */
	void signal() {
		Thread t = waiter.get();
		if (t != null && waiter.compareAndSet(t, null)) {
			LockSupport.unpark(t);
		}
	}
}
