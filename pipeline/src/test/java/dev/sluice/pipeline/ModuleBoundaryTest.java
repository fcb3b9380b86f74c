package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's module exports the API and the sink SPI, not the engine: a sink written as a module of its own
 * compiles against the exported packages, and the same sink reaching into the engine does not.
 */
class ModuleBoundaryTest {

	private static final String SINK = """
			package my.sink;

			import dev.sluice.pipeline.LogRecord;
			import dev.sluice.pipeline.sink.Batch;
			import dev.sluice.pipeline.sink.Sink;
			import reactor.core.publisher.Mono;

			public final class CountingSink implements Sink {
				private long count;

				@Override
				public Mono<Void> write(Batch batch) {
					for (LogRecord r : batch.records()) {
						count += r.message().length();
					}
					return Mono.empty();
				}
			}
			""";

	@TempDir
	Path dir;

	@Test
	void aSinkModuleCompilesAgainstTheApiAndSpi() throws IOException {
		assertThat(compile(SINK, "")).isEmpty();
	}

	@Test
	void theEngineIsNotExported() throws IOException {
		String reaching = SINK.replace("import reactor.core.publisher.Mono;",
				"import reactor.core.publisher.Mono;\nimport dev.sluice.pipeline.engine.Engine;")
				.replace("private long count;", "private long count;\n\tprivate Engine engine;");
		assertThat(compile(reaching, "")).contains("dev.sluice.pipeline.engine").contains("not visible");
	}

	/** Compiles module my.sink with {@code source}; returns javac's diagnostics (empty when it compiled). */
	private String compile(String source, String extraRequires) throws IOException {
		Path src = dir.resolve("src");
		Files.createDirectories(src.resolve("my/sink"));
		Files.writeString(src.resolve("module-info.java"),
				"module my.sink {\n\trequires dev.sluice.pipeline;\n" + extraRequires + "}\n");
		Files.writeString(src.resolve("my/sink/CountingSink.java"), source);
		List<String> args = new ArrayList<>(List.of("-d", dir.resolve("out").toString(), "--module-path", modulePath()));
		try (Stream<Path> files = Files.walk(src)) {
			files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
		}
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int rc = javac.run(null, out, out, args.toArray(String[]::new));
		return rc == 0 ? "" : out.toString(StandardCharsets.UTF_8);
	}

	/** The pipeline's own classes (with its module-info) and the jars its module requires. */
	private static String modulePath() {
		String[] needed = {"reactor-core-", "reactive-streams-", "micrometer-core-", "micrometer-commons-",
				"micrometer-observation-", "context-propagation-", "jctools-core-", "sluice-context-", "HdrHistogram-",
				"LatencyUtils-", "jspecify-"};
		Path classes = Path.of("target", "classes").toAbsolutePath();
		assertThat(classes.resolve("module-info.class")).exists();
		List<String> path = new ArrayList<>(List.of(classes.toString()));
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			String name = Path.of(entry).getFileName().toString();
			if (name.endsWith(".jar") && Stream.of(needed).anyMatch(name::startsWith)) {
				path.add(entry);
			}
		}
		return path.stream().collect(Collectors.joining(File.pathSeparator));
	}
}
