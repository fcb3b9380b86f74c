package dev.sluice.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;

/**
 * uvicorn's formatters ({@code uvicorn.logging}), as its {@code LOGGING_CONFIG} names them, so that a
 * FastAPI service's logging defaults load: the fields they add to each record before
 * {@code logging.Formatter} formats it.
 * <ul>
 * <li>{@code DefaultFormatter}: {@code levelprefix}, the level name, a colon and spaces up to nine
 * characters ({@code "INFO:    "}).</li>
 * <li>{@code AccessFormatter}: also {@code client_addr}, {@code request_line} and {@code status_code}
 * from the record's five arguments (client address, method, path, HTTP version, status), as uvicorn's
 * access log call passes them; a record with other arguments fails as uvicorn's does (ValueError:
 * nothing written, counted {@code format_error}). The status is followed by its phrase from CPython
 * 3.11's {@code http.HTTPStatus}.</li>
 * </ul>
 * {@code use_colors}: true colours the level name (and the access line) with click's ANSI codes; false
 * or absent writes plain text. (uvicorn's absent means "if stdout is a terminal", which a service's
 * log stream seldom is; uvicorn's {@code color_message} is not used.)
 */
final class UvicornFormatters {

	static final String DEFAULT = "uvicorn.logging.DefaultFormatter";
	static final String ACCESS = "uvicorn.logging.AccessFormatter";
	static final List<String> NAMES = List.of(DEFAULT, ACCESS);

	/** click.style's foreground codes, by level, as uvicorn's ColourizedFormatter picks them. */
	private static final Map<Integer, String> LEVEL_COLOURS = Map.of(5, "34", 10, "36", 20, "32", 30, "33",
			40, "31", 50, "91");
	private static final String[] STATUS_COLOURS = {null, "97", "32", "33", "31", "91"};
	private static final Map<Integer, String> PHRASES = phrases();

	private UvicornFormatters() {
	}

	/** The fields the formatter {@code className} computes. */
	static Map<String, Function<LogRecord, Object>> fields(String className, boolean colours) {
		Map<String, Function<LogRecord, Object>> m = new HashMap<>();
		m.put("levelprefix", r -> levelPrefix(r.level(), colours));
		if (ACCESS.equals(className)) {
			m.put("client_addr", r -> access(r)[0]);
			m.put("request_line", r -> {
				Object[] a = access(r);
				String line = str(a[1]) + " " + str(a[2]) + " HTTP/" + str(a[3]);
				return colours ? "\u001b[1m" + line + "\u001b[0m" : line;
			});
			m.put("status_code", r -> status(access(r)[4], colours));
		}
		return m;
	}

	private static String levelPrefix(Level level, boolean colours) {
		String name = level.name();
		String separator = " ".repeat(Math.max(0, 8 - name.length()));
		String colour = colours ? LEVEL_COLOURS.get(level.value()) : null;
		return (colour == null ? name : style(name, colour)) + ":" + separator;
	}

	private static Object[] access(LogRecord r) {
		Object[] a = r.arguments();
		if (a.length != 5) {
			throw new IllegalArgumentException(a.length < 5 ? "not enough values to unpack (expected 5, got "
					+ a.length + ")" : "too many values to unpack (expected 5)");
		}
		return a;
	}

	private static String status(Object code, boolean colours) {
		int status;
		try {
			status = Integer.parseInt(str(code).trim());
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException("invalid literal for int() with base 10: '" + str(code) + "'");
		}
		String text = status + " " + PHRASES.getOrDefault(status, "");
		int family = status / 100;
		return colours && family >= 1 && family <= 5 ? style(text, STATUS_COLOURS[family]) : text;
	}

	private static String style(String text, String colour) {
		return "\u001b[" + colour + "m" + text + "\u001b[0m";
	}

	private static String str(Object o) {
		return o == null ? "None" : o instanceof Boolean ? ((Boolean) o ? "True" : "False") : String.valueOf(o);
	}

	private static Map<Integer, String> phrases() {
		Object[] pairs = {100, "Continue", 101, "Switching Protocols", 102, "Processing", 103, "Early Hints",
				200, "OK", 201, "Created", 202, "Accepted", 203, "Non-Authoritative Information", 204, "No Content",
				205, "Reset Content", 206, "Partial Content", 207, "Multi-Status", 208, "Already Reported",
				226, "IM Used", 300, "Multiple Choices", 301, "Moved Permanently", 302, "Found", 303, "See Other",
				304, "Not Modified", 305, "Use Proxy", 307, "Temporary Redirect", 308, "Permanent Redirect",
				400, "Bad Request", 401, "Unauthorized", 402, "Payment Required", 403, "Forbidden", 404, "Not Found",
				405, "Method Not Allowed", 406, "Not Acceptable", 407, "Proxy Authentication Required",
				408, "Request Timeout", 409, "Conflict", 410, "Gone", 411, "Length Required",
				412, "Precondition Failed", 413, "Request Entity Too Large", 414, "Request-URI Too Long",
				415, "Unsupported Media Type", 416, "Requested Range Not Satisfiable", 417, "Expectation Failed",
				418, "I'm a Teapot", 421, "Misdirected Request", 422, "Unprocessable Entity", 423, "Locked",
				424, "Failed Dependency", 425, "Too Early", 426, "Upgrade Required", 428, "Precondition Required",
				429, "Too Many Requests", 431, "Request Header Fields Too Large",
				451, "Unavailable For Legal Reasons", 500, "Internal Server Error", 501, "Not Implemented",
				502, "Bad Gateway", 503, "Service Unavailable", 504, "Gateway Timeout",
				505, "HTTP Version Not Supported", 506, "Variant Also Negotiates", 507, "Insufficient Storage",
				508, "Loop Detected", 510, "Not Extended", 511, "Network Authentication Required"};
		Map<Integer, String> m = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			m.put((Integer) pairs[i], (String) pairs[i + 1]);
		}
		return Map.copyOf(m);
	}
}
