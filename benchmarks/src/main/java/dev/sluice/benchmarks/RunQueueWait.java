package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How long the thread that opened it has waited for a CPU while runnable, from Linux's
 * {@code /proc/thread-self/schedstat} (its second field: nanoseconds on a run queue), so that a
 * call made slow because the scheduler gave the thread's core to another thread can be told from
 * one the library made slow. One thread only (the one that opened it); {@link #waitNanos()} is
 * -1 where the file does not exist (not Linux, no schedstats).
 */
final class RunQueueWait implements AutoCloseable {

	private final FileChannel file;
	private final ByteBuffer buf = ByteBuffer.allocate(128);

	private RunQueueWait(FileChannel file) {
		this.file = file;
	}

	/** The calling thread's counter, or one that always reads -1 where there is none. */
	static RunQueueWait ofCurrentThread() {
		try {
			return new RunQueueWait(FileChannel.open(Path.of("/proc/thread-self/schedstat"), StandardOpenOption.READ));
		}
		catch (IOException | UnsupportedOperationException e) {
			return new RunQueueWait(null);
		}
	}

	/** Nanoseconds the thread has waited on a run queue so far, or -1 when unknown. */
	long waitNanos() {
		if (file == null) {
			return -1;
		}
		try {
			buf.clear();
			int n = file.read(buf, 0);
			String s = new String(buf.array(), 0, Math.max(n, 0), StandardCharsets.US_ASCII);
			String[] f = s.trim().split(" ");
			return f.length >= 2 ? Long.parseLong(f[1]) : -1;
		}
		catch (IOException | NumberFormatException e) {
			return -1;
		}
	}

	@Override
	public void close() {
		if (file != null) {
			try {
				file.close();
			}
			catch (IOException e) {
				// a read-only proc file: nothing was written
			}
		}
	}
}
