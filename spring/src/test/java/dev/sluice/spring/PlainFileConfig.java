package dev.sluice.spring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The dictConfig the own-JVM test apps use: the root at INFO into {@code app.log} beside the config, plain lines. */
final class PlainFileConfig {

	private PlainFileConfig() {
	}

	/**
	 * Writes {@code dir/logging.yaml} and returns its path.
	 *
	 * @param keepExistingLoggers writes {@code disable_existing_loggers: false} (else Python's default, true)
	 */
	static Path write(Path dir, boolean keepExistingLoggers) throws IOException {
		Path config = dir.resolve("logging.yaml");
		Files.writeString(config, "version: 1\n"
				+ (keepExistingLoggers ? "disable_existing_loggers: false\n" : "")
				+ "formatters:\n"
				+ "  plain:\n"
				+ "    format: \"%(levelname)s %(name)s %(message)s\"\n"
				+ "handlers:\n"
				+ "  file:\n"
				+ "    class: logging.FileHandler\n"
				+ "    filename: " + dir.resolve("app.log") + "\n"
				+ "    formatter: plain\n"
				+ "root:\n"
				+ "  level: INFO\n"
				+ "  handlers: [file]\n", StandardCharsets.UTF_8);
		return config;
	}
}
