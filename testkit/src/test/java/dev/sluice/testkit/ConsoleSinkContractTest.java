package dev.sluice.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import dev.sluice.pipeline.console.ConsoleSink;
import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;

/** The console sink (Python's StreamHandler) keeps the sink contract. */
class ConsoleSinkContractTest extends SinkContract {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
	private volatile boolean broken;

	@Override
	protected Sink newSink(SinkEnvironment environment) {
		OutputStream out = new OutputStream() {
			@Override
			public synchronized void write(int b) throws IOException {
				write(new byte[] {(byte) b}, 0, 1);
			}

			@Override
			public synchronized void write(byte[] b, int off, int len) throws IOException {
				if (broken) {
					throw new IOException("the stream is closed");
				}
				bytes.write(b, off, len);
			}
		};
		return new ConsoleSink(out, PythonFormatter.of("%(message)s"), "\n", StandardCharsets.UTF_8,
				environment.status());
	}

	@Override
	protected long stored() {
		synchronized (bytes) {
			return bytes.toString(StandardCharsets.UTF_8).lines().count();
		}
	}

	@Override
	protected void breakDestination() {
		broken = true;
	}
}
