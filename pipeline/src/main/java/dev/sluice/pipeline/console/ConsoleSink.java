package dev.sluice.pipeline.console;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Objects;

import dev.sluice.pipeline.DropReasons;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.pipeline.sink.support.TextEncoder;
import reactor.core.publisher.Mono;

/**
 * Writes records to a stream (stdout or stderr), as Python's {@code logging.StreamHandler}: each
 * record formatted by the layout and followed by the terminator. A whole batch is encoded into one
 * buffer and written with one call, then flushed: never a flush per line.
 *
 * <p>Runs on its runner's thread (writing to a console may block). A stream error fails the batch,
 * which the runner counts as dropped and reports once; a record the layout throws on is counted
 * ({@code format_error}) and the rest of the batch is written.
 */
public final class ConsoleSink implements Sink {

	private final OutputStream out;
	private final Layout layout;
	private final String terminator;
	private final Charset charset;
	private final StringBuilder text = new StringBuilder(8192);
	private final TextEncoder encoder;
	private final StatusLogger status;

	public ConsoleSink(OutputStream out, Layout layout, String terminator, Charset charset) {
		this(out, layout, terminator, charset, StatusLogger.stderr());
	}

	/** As the four-argument form; a record the layout fails on is reported on {@code status}. */
	public ConsoleSink(OutputStream out, Layout layout, String terminator, Charset charset, StatusLogger status) {
		this.status = Objects.requireNonNull(status, "status");
		this.encoder = new TextEncoder(Objects.requireNonNull(charset, "charset"));
		this.out = Objects.requireNonNull(out, "out");
		this.layout = Objects.requireNonNull(layout, "layout");
		this.terminator = Objects.requireNonNull(terminator, "terminator");
		this.charset = Objects.requireNonNull(charset, "charset");
	}

	@Override
	public Mono<Void> write(Batch batch) {
		text.setLength(0);
		for (LogRecord r : batch.records()) {
			int mark = text.length();
			try {
				layout.format(r, text);
				text.append(terminator);
			}
			catch (RuntimeException | StackOverflowError e) {
				// one record the layout fails on costs that record, never the batch
				text.setLength(mark);
				batch.dropped(1, DropReasons.FORMAT_ERROR);
				status.once("console-format:" + layout.getClass().getName(), "console",
						"cannot format a record of logger '" + r.loggerName() + "'; such records are dropped (format_error)", e);
			}
		}
		try {
			java.nio.ByteBuffer bytes = encoder.encode(text);
			out.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
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
			encoder.trim();
		}
		return Mono.empty();
	}

	/** The stream: handlers writing to one stream write in CPython's order, one after another. */
	@Override
	public Object sharedOutput() {
		return out;
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
