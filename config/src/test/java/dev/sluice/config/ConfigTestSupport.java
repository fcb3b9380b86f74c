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
		return cpython("python3", script, dir, input, stderr);
	}

	/** As {@link #cpython(String, Path, JsonNode, ProcessBuilder.Redirect)} with the given python executable. */
	static JsonNode cpython(String python, String script, Path dir, JsonNode input, ProcessBuilder.Redirect stderr)
			throws Exception {
		Path copy = dir.resolve(script);
		try (InputStream in = ConfigTestSupport.class.getResourceAsStream("/cpython/" + script)) {
			Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		Process p;
		try {
			p = new ProcessBuilder(python, copy.toString()).redirectError(stderr).start();
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
	/**
	 * A python3 that can import {@code module} (the one on the PATH, else Debian's /usr/bin/python3,
	 * where {@code apt-get install python3-django} puts Django), or null.
	 */
	static String pythonWith(String module) {
		for (String p : new String[] {"python3", "/usr/bin/python3"}) {
			try {
				Process proc = new ProcessBuilder(p, "-c", "import " + module).redirectErrorStream(true).start();
				proc.getInputStream().readAllBytes();
				if (proc.waitFor(60, TimeUnit.SECONDS) && proc.exitValue() == 0) {
					return p;
				}
			}
			catch (IOException e) {
				// not there: try the next
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
		return null;
	}

	/**
	 * Django's {@code django.utils.log.DEFAULT_LOGGING} (Django 3.2 to 5), as JSON: its filters on
	 * settings.DEBUG, its {@code ServerFormatter} and {@code AdminEmailHandler}.
	 */
	static final String DJANGO_DEFAULTS = json("{'version': 1, 'disable_existing_loggers': false,"
			+ " 'filters': {'require_debug_false': {'()': 'django.utils.log.RequireDebugFalse'},"
			+ "  'require_debug_true': {'()': 'django.utils.log.RequireDebugTrue'}},"
			+ " 'formatters': {'django.server': {'()': 'django.utils.log.ServerFormatter',"
			+ "   'format': '[{server_time}] {message}', 'style': '{'}},"
			+ " 'handlers': {'console': {'level': 'INFO', 'filters': ['require_debug_true'], 'class': 'logging.StreamHandler'},"
			+ "  'django.server': {'level': 'INFO', 'class': 'logging.StreamHandler', 'formatter': 'django.server'},"
			+ "  'mail_admins': {'level': 'ERROR', 'filters': ['require_debug_false'],"
			+ "   'class': 'django.utils.log.AdminEmailHandler'}},"
			+ " 'loggers': {'django': {'handlers': ['console', 'mail_admins'], 'level': 'INFO'},"
			+ "  'django.server': {'handlers': ['django.server'], 'level': 'INFO', 'propagate': false}}}");

	/** uvicorn's {@code uvicorn.config.LOGGING_CONFIG} (0.17 to 0.30), as JSON. */
	static final String UVICORN_DEFAULTS = "{\"version\": 1, \"disable_existing_loggers\": false,"
			+ " \"formatters\": {\"default\": {\"()\": \"uvicorn.logging.DefaultFormatter\","
			+ " \"fmt\": \"%(levelprefix)s %(message)s\", \"use_colors\": null},"
			+ " \"access\": {\"()\": \"uvicorn.logging.AccessFormatter\","
			+ " \"fmt\": \"%(levelprefix)s %(client_addr)s - \\\"%(request_line)s\\\" %(status_code)s\"}},"
			+ " \"handlers\": {\"default\": {\"formatter\": \"default\", \"class\": \"logging.StreamHandler\","
			+ " \"stream\": \"ext://sys.stderr\"}, \"access\": {\"formatter\": \"access\","
			+ " \"class\": \"logging.StreamHandler\", \"stream\": \"ext://sys.stdout\"}},"
			+ " \"loggers\": {\"uvicorn\": {\"handlers\": [\"default\"], \"level\": \"INFO\"},"
			+ " \"uvicorn.error\": {\"level\": \"INFO\"},"
			+ " \"uvicorn.access\": {\"handlers\": [\"access\"], \"level\": \"INFO\", \"propagate\": false}}}";

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
