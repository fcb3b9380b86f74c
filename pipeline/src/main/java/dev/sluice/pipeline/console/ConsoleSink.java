package dev.sluice.pipeline.console;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Objects;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Sink;
import reactor.core.publisher.Mono;

/**
 * Writes records to a stream (stdout or stderr), as Python's {@code logging.StreamHandler}: each
 * record formatted by the layout and followed by the terminator. A whole batch is encoded into one
 * buffer and written with one call, then flushed: never a flush per line.
 *
 * <p>Runs on its runner's thread (writing to a console may block). A stream error fails the batch,
 * which the runner counts as dropped and reports once.
 */
public final class ConsoleSink implements Sink {

	private final OutputStream out;
	private final Layout layout;
	private final String terminator;
	private final Charset charset;
	private final StringBuilder text = new StringBuilder(8192);

	public ConsoleSink(OutputStream out, Layout layout, String terminator, Charset charset) {
		this.out = Objects.requireNonNull(out, "out");
		this.layout = Objects.requireNonNull(layout, "layout");
		this.terminator = Objects.requireNonNull(terminator, "terminator");
		this.charset = Objects.requireNonNull(charset, "charset");
	}

	@Override
	public Mono<Void> write(Batch batch) {
		text.setLength(0);
		for (LogRecord r : batch.records()) {
			layout.format(r, text);
			text.append(terminator);
		}
		try {
			out.write(text.toString().getBytes(charset));
			out.flush();
			if (out instanceof PrintStream && ((PrintStream) out).checkError()) {
				return Mono.error(new IOException("the console stream reported an error"));
			}
		}
		catch (IOException e) {
			return Mono.error(e);
		}
		finally {
			if (text.capacity() > 1 << 20) {
				text.setLength(0);
				text.trimToSize();
			}
		}
		return Mono.empty();
	}

	@Override
	public Mono<Void> flush() {
		try {
			out.flush();
			return Mono.empty();
		}
		catch (IOException e) {
			return Mono.error(e);
		}
	}

	@Override
	public String toString() {
		return "ConsoleSink";
	}
}
