package dev.sluice.pipeline.engine;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;

/**
 * A runner's wait after a write ({@link dev.sluice.pipeline.BufferSpec#linger()}), so that
 * records coming one by one are written together: the runner naps on its {@link Wakeup} while
 * its buffer holds less than a batch; the router ends the nap when it buffers an ERROR record or
 * completes a batch, the runner's {@code hurry} and {@code retire} when a flush or a shutdown
 * waits. The router calls {@link #offered}, the runner's thread the rest.
 */
final class Linger {

	/** No linger: nothing to do on either side. */
	static final Linger NONE = new Linger(0, Integer.MAX_VALUE);

	private final long nanos;
	private final int maxBatch;
	/** Set by the router when it buffers an ERROR record; cleared before each drain. */
	private volatile boolean errorWaiting;

	private Linger(long nanos, int maxBatch) {
		this.nanos = nanos;
		this.maxBatch = maxBatch;
	}

	static Linger of(long nanos, int maxBatch) {
		return nanos == 0 ? NONE : new Linger(nanos, maxBatch);
	}

	boolean active() {
		return nanos != 0;
	}

	/** Router: {@code record} was buffered ({@code buffered} now held): ends a nap it must not wait for. */
	void offered(LogRecord record, int buffered, Wakeup wakeup) {
		if (nanos == 0) {
			return;
		}
		boolean error = record.level().value() >= Level.ERROR.value();
		if (error) {
			errorWaiting = true;
		}
		if ((error || buffered >= maxBatch) && wakeup.napping()) {
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
	 * Runner, after a write: naps up to the linger unless {@code hold} (asked once the nap is
	 * announced, so that a router that missed the nap is not missed) says no, or an error waits.
	 */
	void afterWrite(Wakeup wakeup, java.util.function.BooleanSupplier hold) {
		if (nanos != 0) {
			wakeup.nap(nanos, () -> !errorWaiting && hold.getAsBoolean());
		}
	}

	/** The batch size that ends a linger. */
	int maxBatch() {
		return maxBatch;
	}
}
