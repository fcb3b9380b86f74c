package dev.sluice.pipeline.console;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;

/**
 * {@code logging.StreamHandler} (short names {@code console}, {@code stream}). Options:
 * {@code stream}: {@code ext://sys.stdout} or {@code ext://sys.stderr} (default stderr, as
 * Python); {@code terminator} (default {@code "\n"}); {@code encoding} (default UTF-8).
 */
public final class ConsoleSinkProvider implements SinkProvider {

	/** A stream's or a file's {@code terminator}, set through a dictConfig's {@code '.'}. */
	@Override
	public Set<String> attributeOptions() {
		return Set.of("terminator");
	}

	@Override
	public Set<String> classNames() {
		return Set.of("logging.StreamHandler", "console", "stream");
	}

	/** Lossless while the stream takes what is written: a slow terminal holds callers back. */
	@Override
	public dev.sluice.pipeline.OverflowPolicy defaultOverflow() {
		return dev.sluice.pipeline.OverflowPolicy.BLOCK;
	}

	@Override
	public Sink create(SinkSpec spec) {
		SinkOptions o = spec.options();
		String stream = o.choice("stream", "ext://sys.stderr", "ext://sys.stdout", "ext://sys.stderr", "stdout", "stderr");
		String terminator = o.string("terminator", "\n");
		String encoding = o.string("encoding", "UTF-8");
		Charset charset = StandardCharsets.UTF_8;
		try {
			charset = Charset.forName(encoding);
		}
		catch (RuntimeException e) {
			o.problem("encoding", "unknown encoding '" + encoding + "'");
		}
		o.validate();
		OutputStream out = stream.endsWith("stdout") ? System.out : System.err;
		return new ConsoleSink(out, spec.layout(), terminator, charset, spec.environment().status());
	}
}
