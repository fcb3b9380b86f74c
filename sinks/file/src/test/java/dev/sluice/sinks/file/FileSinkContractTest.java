package dev.sluice.sinks.file;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.testkit.SinkContract;

/** The file sink (Python's FileHandler) keeps the sink contract. */
class FileSinkContractTest extends SinkContract {

	@TempDir
	Path dir;

	private FileSinks sinks;

	@Override
	protected Sink newSink(SinkEnvironment environment) {
		sinks = new FileSinks(new MutableClock(1_596_000_011_491L, ZoneOffset.UTC), dir);
		return sinks.create("logging.FileHandler", Map.of("filename", "contract/app.log"));
	}

	@Override
	protected SinkEnvironment environment() {
		return new FileSinks(new MutableClock(1_596_000_011_491L, ZoneOffset.UTC), dir).env;
	}

	@Override
	protected long stored() throws Exception {
		Path f = dir.resolve("contract/app.log");
		return Files.exists(f) ? Files.readAllLines(f).size() : 0;
	}

	@Override
	protected void breakDestination() throws Exception {
		// a directory where the file should be: every open fails, as on a read-only or vanished mount
		Files.createDirectories(dir.resolve("contract/app.log"));
	}
}
