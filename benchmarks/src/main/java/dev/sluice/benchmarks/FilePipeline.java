package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.sluice.benchmarks.stacks.Workload;
import dev.sluice.config.ConfigLoader;
import dev.sluice.pipeline.Sluice;

/**
 * The pipeline {@link PipelineCpu} and {@link PipelineAllocation} measure: one file handler with
 * the benchmark's Python format, configured through a dictConfig file as users configure it.
 */
final class FilePipeline {

	private FilePipeline() {
	}

	/** A running pipeline writing {@code app.log} in a new temporary directory named after {@code prefix}. */
	static Sluice start(String prefix) throws IOException {
		Path dir = Files.createTempDirectory(prefix);
		Path config = dir.resolve("logging.json");
		Files.writeString(config, "{\"version\": 1, \"formatters\": {\"f\": {\"format\": \"" + Workload.PYTHON_FORMAT
				+ "\"}}, \"handlers\": {\"file\": {\"class\": \"logging.FileHandler\", \"filename\": \""
				+ dir.resolve("app.log") + "\", \"formatter\": \"f\"}}, \"root\": {\"level\": \"INFO\", \"handlers\": [\"file\"]}}",
				StandardCharsets.UTF_8);
		ConfigLoader loader = ConfigLoader.defaults();
		Sluice sluice = Sluice.builder().shutdownHook(false).build();
		sluice.apply(loader.plan(loader.read(config), sluice.environment())).block();
		return sluice;
	}
}
