package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.pipeline.sink.SinkEnvironment;

/** Shared bits of the config tests. */
final class ConfigTestSupport {

	private ConfigTestSupport() {
	}

	/** JSON with single quotes turned into double quotes, for readable test literals. */
	static String json(String singleQuoted) {
		return singleQuoted.replace('\'', '"');
	}

	/**
	 * CPython's side of a comparison: runs the script resource {@code /cpython/<script>} (copied into
	 * {@code dir}) with {@code input} as JSON on its stdin and returns the JSON it prints. Skips the
	 * test when python3 is not on the PATH.
	 */
	static JsonNode cpython(String script, Path dir, JsonNode input, ProcessBuilder.Redirect stderr) throws Exception {
		Path copy = dir.resolve(script);
		try (InputStream in = ConfigTestSupport.class.getResourceAsStream("/cpython/" + script)) {
			Files.copy(in, copy);
		}
		Process p;
		try {
			p = new ProcessBuilder("python3", copy.toString()).redirectError(stderr).start();
		}
		catch (IOException e) {
			assumeTrue(false, "python3 is not on the PATH: the comparison with CPython is skipped");
			throw e;
		}
		ObjectMapper json = new ObjectMapper();
		p.getOutputStream().write(json.writeValueAsBytes(input));
		p.getOutputStream().close();
		byte[] answer = p.getInputStream().readAllBytes();
		assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return json.readTree(answer);
	}

	static Path write(Path dir, String name, String text) {
		try {
			Path p = dir.resolve(name);
			Files.writeString(p, text);
			return p;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A loader with the given environment variables and sinks made under {@code dir}. */
	/** gunicorn's glogging.CONFIG_DEFAULTS, as JSON: its loggers carry 'qualname', which dictConfig ignores. */
	static final String GUNICORN_DEFAULTS = json("{'version': 1, 'disable_existing_loggers': false,"
			+ " 'root': {'level': 'INFO', 'handlers': ['console']},"
			+ " 'loggers': {'gunicorn.error': {'level': 'INFO', 'handlers': ['error_console'], 'propagate': true,"
			+ "   'qualname': 'gunicorn.error'},"
			+ "  'gunicorn.access': {'level': 'INFO', 'handlers': ['console'], 'propagate': true,"
			+ "   'qualname': 'gunicorn.access'}},"
			+ " 'handlers': {'console': {'class': 'logging.StreamHandler', 'formatter': 'generic',"
			+ "   'stream': 'ext://sys.stdout'},"
			+ "  'error_console': {'class': 'logging.StreamHandler', 'formatter': 'generic', 'stream': 'ext://sys.stderr'}},"
			+ " 'formatters': {'generic': {'format': '%(asctime)s [%(process)d] [%(levelname)s] %(message)s',"
			+ "   'datefmt': '[%Y-%m-%d %H:%M:%S %z]', 'class': 'logging.Formatter'}}}");

	static ConfigLoader loader(Path dir, Map<String, String> env) {
		return ConfigLoader.defaults().withEnv(env).withSinkEnvironment(SinkEnvironment.defaults().withBaseDirectory(dir));
	}
}
