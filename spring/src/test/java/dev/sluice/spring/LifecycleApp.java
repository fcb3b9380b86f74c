package dev.sluice.spring;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A plain (non-web) Boot application that {@link LifecycleTest} runs in a JVM of its own, because
 * closing the context shuts down the JVM-wide pipeline: starts with {@code sluice.config}
 * pointing at a file, logs, rewrites the file (level and format), waits until the running
 * application follows it, logs a burst and closes the context at once. Exit code 0 when all went
 * as planned; 3 when the new config was not picked up within a minute.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LifecycleApp {

	static final int BURST = 20_000;

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[0]).toAbsolutePath();
		Path config = dir.resolve("logging.yaml");
		Path log = dir.resolve("app.log");
		Files.writeString(config, config("INFO", "OLD %(levelname)s %(name)s %(message)s", log), StandardCharsets.UTF_8);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LifecycleApp.class)
				.web(WebApplicationType.NONE).properties("spring.main.banner-mode=off")
				// a command-line argument: it wins over the test class path's application.properties
				.run("--sluice.config=" + config);
		Logger slf4j = LoggerFactory.getLogger("lifecycle");
		slf4j.debug("hidden before reload");
		slf4j.info("before reload");
		Files.writeString(config, config("DEBUG", "NEW %(levelname)s %(name)s %(message)s", log), StandardCharsets.UTF_8);
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!slf4j.isDebugEnabled()) {
			if (System.nanoTime() > deadline) {
				System.out.println("the new config was not applied");
				System.exit(3);
			}
			Thread.sleep(20);
		}
		slf4j.debug("after reload");
		for (int i = 0; i < BURST; i++) {
			slf4j.info("burst {}", i);
		}
		context.close();
		System.out.println("context closed");
	}

	private static String config(String level, String format, Path log) {
		return "version: 1\n"
				+ "disable_existing_loggers: false\n"
				+ "formatters:\n"
				+ "  plain:\n"
				+ "    format: \"" + format + "\"\n"
				+ "handlers:\n"
				+ "  file:\n"
				+ "    class: logging.FileHandler\n"
				+ "    filename: " + log + "\n"
				+ "    formatter: plain\n"
				+ "    buffer_size: 65536\n"
				+ "loggers:\n"
				+ "  lifecycle:\n"
				+ "    level: " + level + "\n"
				+ "root:\n"
				+ "  level: WARNING\n"
				+ "  handlers: [file]\n";
	}
}
