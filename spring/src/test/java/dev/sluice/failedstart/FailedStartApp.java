package dev.sluice.failedstart;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * A Boot application that cannot start (a bean needs one nobody provides), run by
 * {@code dev.sluice.spring.FailedStartTest} in a JVM of its own with {@code sluice.config} pointing at a file
 * handler: Boot's failure report must reach that file.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class FailedStartApp {

	// in a package of its own: the test application's component scan (dev.sluice.spring) must not find it

	/** Nothing implements it. */
	public interface Missing {
	}

	record NeedsMissing(Missing missing) {
	}

	@Bean
	NeedsMissing needsMissing(Missing missing) {
		return new NeedsMissing(missing);
	}

	public static void main(String[] args) throws Exception {
		Path dir = Path.of(args[0]).toAbsolutePath();
		Path config = dir.resolve("logging.yaml");
		Files.writeString(config, "version: 1\n"
				+ "formatters:\n  plain:\n    format: \"FILE %(levelname)s %(name)s %(message)s\"\n"
				+ "handlers:\n  file:\n    class: logging.FileHandler\n    filename: " + dir.resolve("app.log") + "\n"
				+ "    formatter: plain\n"
				+ "root:\n  level: INFO\n  handlers: [file]\n", StandardCharsets.UTF_8);
		new SpringApplicationBuilder(FailedStartApp.class).web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off").run("--sluice.config=" + config);
	}
}
