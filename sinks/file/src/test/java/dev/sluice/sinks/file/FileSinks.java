package dev.sluice.sinks.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Test helpers: a sink made through the provider, batches of messages, the files of a directory. */
final class FileSinks {

	final MutableClock clock;
	final Path dir;
	final ByteArrayOutputStream statusBytes = new ByteArrayOutputStream();
	final SinkEnvironment env;

	FileSinks(MutableClock clock, Path dir) {
		this.clock = clock;
		this.dir = dir;
		this.env = new SinkEnvironment(clock, StatusLogger.to(new PrintStream(statusBytes, true, StandardCharsets.UTF_8)),
				dir, new SimpleMeterRegistry());
	}

	FileSink create(String className, Map<String, ?> options) {
		return create(className, options, PythonFormatter.of("%(message)s"));
	}

	FileSink create(String className, Map<String, ?> options, Layout layout) {
		return (FileSink) new FileSinkProvider().create(new SinkSpec("h", className,
				new SinkOptions("/handlers/h", options), layout, env));
	}

	String status() {
		return statusBytes.toString(StandardCharsets.UTF_8);
	}

	static LogRecord record(String message) {
		return LogRecord.builder(Level.INFO, "app", message).epochNanos(0).thread("main", 1).build();
	}

	static Batch batch(String... messages) {
		List<LogRecord> rs = new ArrayList<>();
		for (String m : messages) {
			rs.add(record(m));
		}
		return new Batch(rs);
	}

	/** Each file of {@code dir} and its text (gzip files decompressed, their name kept). */
	static Map<String, String> files(Path dir) throws IOException {
		Map<String, String> out = new TreeMap<>();
		try (Stream<Path> s = Files.list(dir)) {
			for (Path p : (Iterable<Path>) s::iterator) {
				if (!Files.isRegularFile(p) || p.getFileName().toString().endsWith(".json")
						|| p.getFileName().toString().endsWith(".py") || p.getFileName().toString().endsWith(".txt")) {
					continue;
				}
				byte[] bytes;
				if (p.getFileName().toString().endsWith(".gz")) {
					try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
						bytes = in.readAllBytes();
					}
				}
				else {
					bytes = Files.readAllBytes(p);
				}
				out.put(p.getFileName().toString(), new String(bytes, StandardCharsets.UTF_8));
			}
		}
		return out;
	}
}
