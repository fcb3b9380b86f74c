package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Plays the pipeline's sink runner on virtual time: records offered (now or at a virtual instant)
 * are handed to the sink in batches, one write at a time, as the runner does. Virtual time moves
 * only while no HTTP call is in flight, so real loopback I/O and virtual waits interleave
 * deterministically: a timer can only fire after every call before it was answered.
 */
public final class VirtualRunner {

	/** A clock reading the virtual scheduler, for the stand-ins' pacing and the records' times. */
	public static final class SchedulerClock extends Clock {
		private final VirtualTimeScheduler vts;

		public SchedulerClock(VirtualTimeScheduler vts) {
			this.vts = vts;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(vts.now(TimeUnit.MILLISECONDS));
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}
	}

	final VirtualTimeScheduler vts;
	public final Clock clock;
	private final ConcurrentLinkedQueue<LogRecord> queue = new ConcurrentLinkedQueue<>();
	private final List<Batch> batches = new ArrayList<>();
	private final AtomicBoolean writing = new AtomicBoolean();
	private final AtomicReference<Throwable> failed = new AtomicReference<>();
	private Sink sink;
	private volatile boolean retiring;
	private volatile Batch current;
	private IntSupplier inFlight = () -> 0;
	public java.util.function.Supplier<String> diagnostics = () -> "";

	public VirtualRunner(VirtualTimeScheduler vts) {
		this.vts = vts;
		this.clock = new SchedulerClock(vts);
	}

	public VirtualRunner sink(Sink s, IntSupplier callsInFlight) {
		this.sink = s;
		this.inFlight = callsInFlight;
		return this;
	}

	public void offer(LogRecord r) {
		queue.add(r);
	}

	/** Offers {@code r} when virtual time reaches its own timestamp. */
	public void offerAtItsTime(LogRecord r) {
		long delay = r.epochMillis() - vts.now(TimeUnit.MILLISECONDS);
		vts.schedule(() -> queue.add(r), Math.max(0, delay), TimeUnit.MILLISECONDS);
	}

	/**
	 * Plays a shutdown's drain (any thread, e.g. a virtual-time task): the batch being written and
	 * every later one are {@link Batch#markUrgent() urgent}, as the runner marks them.
	 */
	public void retire() {
		retiring = true;
		Batch b = current;
		if (b != null) {
			b.markUrgent();
		}
	}

	/** Runs until {@code done} holds with nothing queued or being written, moving virtual time in {@code step}s. */
	public void runUntil(BooleanSupplier done, Duration step, Duration maxVirtual) {
		long end = vts.now(TimeUnit.MILLISECONDS) + maxVirtual.toMillis();
		long realDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			if (failed.get() != null) {
				fail("a write failed", failed.get());
			}
			if (inFlight.getAsInt() > 0) {
				if (System.nanoTime() > realDeadline) {
					fail("an HTTP call stayed unanswered for 60 s of real time");
				}
				LockSupport.parkNanos(100_000);
				continue;
			}
			if (!writing.get() && !queue.isEmpty()) {
				startWrite();
				continue;
			}
			if (!writing.get() && queue.isEmpty() && done.getAsBoolean()) {
				return;
			}
			if (vts.now(TimeUnit.MILLISECONDS) >= end) {
				fail("not done after " + maxVirtual + " of virtual time; batches so far: " + batches.size()
						+ ", writing " + writing.get() + ", queued " + queue.size() + ", calls in flight "
						+ inFlight.getAsInt() + ", records " + records() + "; " + diagnostics.get());
			}
			vts.advanceTimeBy(step);
		}
	}

	/** Runs until {@code expected} records were written and settled. */
	public void drain(int expected, Duration maxVirtual) {
		runUntil(() -> records() >= expected, Duration.ofMillis(10), maxVirtual);
	}

	private void startWrite() {
		List<LogRecord> records = new ArrayList<>();
		LogRecord r;
		while ((r = queue.poll()) != null) {
			records.add(r);
		}
		Batch batch = new Batch(records);
		batches.add(batch);
		current = batch;
		if (retiring) {
			batch.markUrgent();
		}
		writing.set(true);
		sink.write(batch).subscribe(null, e -> {
			failed.set(e);
			writing.set(false);
		}, () -> writing.set(false));
	}

	public List<Batch> batches() {
		return batches;
	}

	public int records() {
		return batches.stream().mapToInt(Batch::size).sum();
	}

	public int dropped() {
		return batches.stream().mapToInt(Batch::droppedCount).sum();
	}

	public int handedToFallback() {
		return batches.stream().mapToInt(Batch::fallbackCount).sum();
	}
}
