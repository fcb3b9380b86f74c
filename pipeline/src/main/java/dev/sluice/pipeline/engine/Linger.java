package dev.sluice.pipeline.engine;

import java.util.function.BooleanSupplier;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;

/**
 * A runner's wait after a write ({@link dev.sluice.pipeline.BufferSpec#linger()}), so that
 * records coming one by one are written together: the runner naps on its {@link Wakeup} while
 * its buffer holds less than a batch; the router ends the nap when it buffers an ERROR record or
 * completes a batch, the runner's {@code hurry} and {@code retire} when a flush or a shutdown
 * waits. The router calls {@link #offered}, the runner's thread {@link #draining} and
 * {@link #afterWrite}, any thread {@link #interrupt}.
 */
final class Linger {

	/** No linger: nothing to do on either side. */
	static final Linger NONE = new Linger(0, Integer.MAX_VALUE, null, null, () -> false);

	private final long nanos;
	private final int maxBatch;
	private final BoundedSinkBuffer buffer;
	private final Wakeup wakeup;
	/** Asked once a nap is announced: whether it may go on (made once, not per write). */
	private final BooleanSupplier stillNap;
	/** Set by the router when it buffers an ERROR record; cleared before each drain. */
	private volatile boolean errorWaiting;

	private Linger(long nanos, int maxBatch, BoundedSinkBuffer buffer, Wakeup wakeup, BooleanSupplier hold) {
		this.nanos = nanos;
		this.maxBatch = maxBatch;
		this.buffer = buffer;
		this.wakeup = wakeup;
		this.stillNap = () -> !errorWaiting && buffer.size() < maxBatch && hold.getAsBoolean();
	}

	/**
	 * The linger of the runner that drains {@code buffer} and sleeps on {@code wakeup}, while
	 * {@code hold} (the runner's own conditions: nothing waits for it) says so; {@link #NONE} for zero nanos.
	 */
	static Linger of(long nanos, int maxBatch, BoundedSinkBuffer buffer, Wakeup wakeup, BooleanSupplier hold) {
		return nanos == 0 ? NONE : new Linger(nanos, maxBatch, buffer, wakeup, hold);
	}

	/** Router: {@code record} was buffered: ends a nap it must not wait for (an error, a full batch). */
	void offered(LogRecord record) {
		if (nanos == 0) {
			return;
		}
		boolean error = record.level().value() >= Level.ERROR.value();
		if (error) {
			errorWaiting = true;
		}
		if ((error || buffer.size() >= maxBatch) && wakeup.napping()) {
			wakeup.signalNow();
		}
	}

	/** Runner: about to drain; an error buffered before this is in the drain, one after sets the flag again. */
	void draining() {
		if (nanos != 0) {
			errorWaiting = false;
		}
	}

	/**
	 * Runner, after a write: naps up to the linger unless an error waits, a full batch is buffered
	 * or the runner's hold says no (asked once the nap is announced, so that a router that missed
	 * the nap is not missed).
	 */
	void afterWrite() {
		if (nanos != 0) {
			wakeup.nap(nanos, stillNap);
		}
	}

	/** Any thread: ends a nap now (something waits for what is buffered). */
	void interrupt() {
		if (nanos != 0) {
			wakeup.signalNow();
		}
	}
}
