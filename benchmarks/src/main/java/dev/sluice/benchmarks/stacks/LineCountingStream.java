package dev.sluice.benchmarks.stacks;

import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The no-op sink's stream: keeps no bytes, counts them and the lines. Written by one thread at a
 * time (the library's writer thread), read by the benchmark at any time.
 */
public final class LineCountingStream extends OutputStream {

	private final AtomicLong lines = new AtomicLong();
	private final AtomicLong bytes = new AtomicLong();

	@Override
	public void write(int b) {
		if (b == '\n') {
			lines.lazySet(lines.get() + 1);
		}
		bytes.lazySet(bytes.get() + 1);
	}

	@Override
	public void write(byte[] b, int off, int len) {
		long n = 0;
		for (int i = off, end = off + len; i < end; i++) {
			if (b[i] == '\n') {
				n++;
			}
		}
		// one writer at a time: lazySet publishes without a full fence on every write
		lines.lazySet(lines.get() + n);
		bytes.lazySet(bytes.get() + len);
	}

	public long lines() {
		return lines.get();
	}

	public long bytes() {
		return bytes.get();
	}
}
