package dev.sluice.pipeline.engine;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.pipeline.LogRecord;

/**
 * The loop of a runner on a thread of its own (a sink that shares its output with none): takes up
 * to a batch from the runner's buffer, writes it, lingers for more if its buffer says so, sleeps
 * while the buffer is empty; ends once the
 * runner is retired and drained (closing the sink) or abandoned. The runner's failures never end
 * the loop.
 */
final class OwnThread implements Runnable {

	private final SinkRunner runner;
	private final Wakeup wakeup;

	OwnThread(SinkRunner runner, Wakeup wakeup) {
		this.runner = runner;
		this.wakeup = wakeup;
	}

	@Override
	public void run() {
		List<LogRecord> scratch = new ArrayList<>(runner.spec().buffer().maxBatch());
		try {
			while (!runner.done()) {
				try {
					if (runner.writeNextBatch(scratch) > 0) {
						runner.lingerAfterWrite();
						continue;
					}
					wakeup.prepare();
					if (runner.idle()) {
						wakeup.park(Wakeup.IDLE_PARK_NANOS);
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
