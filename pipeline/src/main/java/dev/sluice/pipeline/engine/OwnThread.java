package dev.sluice.pipeline.engine;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.pipeline.LogRecord;

/**
 * The loop of a runner on a thread of its own (a sink that shares its output with none): takes up
 * to a batch from the runner's buffer, writes it, sleeps while the buffer is empty; ends once the
 * runner is retired and drained (closing the sink) or abandoned. The runner's failures never end
 * the loop.
 */
final class OwnThread implements Runnable {

	/** A safety net only: the router wakes the runner when it hands it records. */
	private static final long IDLE_PARK_NANOS = 1_000_000_000L;

	private final SinkRunner runner;
	private final Wakeup wakeup;

	OwnThread(SinkRunner runner, Wakeup wakeup) {
		this.runner = runner;
		this.wakeup = wakeup;
	}

	@Override
	public void run() {
		int maxBatch = runner.spec().buffer().maxBatch();
		// drained into one reused list, then copied at its exact size: a batch may outlive this turn of
		// the loop (an asynchronous sink), and a list of the full batch size per write would be most of
		// the runner's garbage when batches are small (a paced caller)
		List<LogRecord> drained = new ArrayList<>(maxBatch);
		try {
			while (!runner.done()) {
				try {
					if (runner.drainTo(drained, maxBatch) > 0) {
						List<LogRecord> records = new ArrayList<>(drained); // one array of the batch's size
						drained.clear();
						runner.writeRun(records);
						continue;
					}
					wakeup.prepare();
					if (runner.idle()) {
						wakeup.park(IDLE_PARK_NANOS);
					}
					else {
						wakeup.cancel();
					}
				}
				catch (Throwable t) {
					runner.failed(t);
				}
			}
		}
		finally {
			runner.finish();
		}
	}
}
