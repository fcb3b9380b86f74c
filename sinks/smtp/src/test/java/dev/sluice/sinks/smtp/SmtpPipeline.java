package dev.sluice.sinks.smtp;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.LoggingConfig;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.StatusLogger;

/** A pipeline made from a dictConfig text (single quotes for double), with its status lines kept. */
final class SmtpPipeline {

	final Sluice sluice;
	private final ByteArrayOutputStream status = new ByteArrayOutputStream();

	SmtpPipeline(String dictConfig, Path dir) {
		ConfigLoader loader = ConfigLoader.defaults().withEnv(Map.of("SMTP_PASSWORD", "s3cret-from-env"));
		LoggingConfig config = loader.parse(dictConfig.replace('\'', '"').getBytes(StandardCharsets.UTF_8),
				"smtp.json", dir);
		sluice = Sluice.builder().baseDirectory(dir).shutdownHook(false)
				.status(StatusLogger.to(new PrintStream(status, true, StandardCharsets.UTF_8))).build();
		sluice.apply(loader.plan(config, sluice.environment(), sluice.plan())).block(Duration.ofSeconds(30));
	}

	String status() {
		StatusLogger.flushStderr(1_000);
		return status.toString(StandardCharsets.UTF_8);
	}
}
