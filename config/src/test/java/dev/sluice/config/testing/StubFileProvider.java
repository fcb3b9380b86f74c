package dev.sluice.config.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import reactor.core.publisher.Mono;

/**
 * Test-only stand-in for the file sink module (sinks/file), which config may not depend on:
 * Python's file handler class names with their options validated as Python takes them, and a
 * plain appending file sink (no rotation). Registered only in config's test resources.
 */
public final class StubFileProvider implements SinkProvider {

	@Override
	public Set<String> classNames() {
		return Set.of("logging.FileHandler", "logging.handlers.RotatingFileHandler",
				"logging.handlers.TimedRotatingFileHandler", "file");
	}

	@Override
	public Sink create(SinkSpec spec) {
		SinkOptions o = spec.options();
		String filename = o.requiredString("filename");
		String mode = o.choice("mode", "a", "a", "w");
		String encoding = o.string("encoding", "utf-8");
		Charset charset = StandardCharsets.UTF_8;
		try {
			charset = Charset.forName(encoding.equalsIgnoreCase("utf8") ? "UTF-8" : encoding);
		}
		catch (RuntimeException e) {
			o.problem("encoding", "expected a known encoding, found '" + encoding + "'");
		}
		o.bool("delay", false);
		o.string("errors", null);
		String cls = spec.className();
		if (cls.endsWith("RotatingFileHandler") && !cls.endsWith("TimedRotatingFileHandler")) {
			o.longValue("maxBytes", 0);
			o.integer("backupCount", 0);
		}
		if (cls.endsWith("TimedRotatingFileHandler")) {
			String when = o.string("when", "h");
			if (!when.matches("(?i)s|m|h|d|midnight|w[0-6]")) {
				o.problem("when", "expected one of S, M, H, D, midnight, W0..W6, found '" + when + "'");
			}
			if (o.integer("interval", 1) < 1) {
				o.problem("interval", "expected an integer of at least 1");
			}
			o.integer("backupCount", 0);
			o.bool("utc", false);
			o.string("atTime", null);
		}
		o.validate();
		Path path = spec.environment().resolve(filename);
		Charset cs = charset;
		boolean truncate = mode.equals("w");
		return new Sink() {
			private Writer out;

			@Override
			public Mono<Void> write(Batch batch) {
				try {
					if (out == null) {
						Files.createDirectories(path.toAbsolutePath().getParent());
						out = Files.newBufferedWriter(path, cs, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
								truncate ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
					}
					for (LogRecord r : batch.records()) {
						out.write(spec.layout().format(r));
						out.write('\n');
					}
					out.flush();
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
				return Mono.empty();
			}

			@Override
			public Mono<Void> close() {
				try {
					if (out != null) {
						out.close();
					}
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
				return Mono.empty();
			}
		};
	}
}
