package dev.sluice.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.ForeignError;

/**
 * One line of {@code sluice ship} input: {@code time} (ISO-8601 instant, default now),
 * {@code logger} (default root), {@code level} (Python's or Java's names), {@code message},
 * {@code thread} (default {@code main}), {@code context} (an object of attributes), {@code error}
 * ({@code type}, {@code message}, {@code stack}), and from the Kafka sink {@code id} (the record's
 * unique id, logged as its {@link LogRecord#RECORD_ID} attribute so that sinks skip redelivered
 * copies) and {@code schema}. Immutable.
 */
record ShippedRecord(Instant time, String logger, Level level, String message, String thread, Attributes context,
		Throwable error, String id) {

	/**
	 * Parses one line.
	 *
	 * @throws IllegalArgumentException naming the field and what was wrong
	 */
	@SuppressWarnings("unchecked")
	static ShippedRecord parse(ObjectMapper json, String line) {
		Object value;
		try {
			// one object a line: a second value after it (two objects on one line) is an error, not ignored
			value = json.readerFor(Object.class)
					.with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(line);
		}
		catch (JsonProcessingException e) {
			String m = e.getOriginalMessage();
			throw new IllegalArgumentException("expected a JSON object, found invalid JSON: "
					+ (m == null ? e.toString() : m.lines().findFirst().orElse(m)));
		}
		if (!(value instanceof Map)) {
			throw new IllegalArgumentException("expected a JSON object, found " + (value == null ? "null" : "a "
					+ value.getClass().getSimpleName().toLowerCase(Locale.ROOT)));
		}
		Map<String, Object> m = (Map<String, Object>) value;
		for (String key : m.keySet()) {
			// id and schema: what the Kafka sink adds to each record (sluice ship --from kafka reads them)
			if (!java.util.List.of("time", "logger", "level", "message", "thread", "context", "error", "id", "schema")
					.contains(key)) {
				throw new IllegalArgumentException("unknown field '" + key
						+ "'; expected time, logger, level, message, thread, context, error");
			}
		}
		Object schema = m.get("schema");
		if (schema != null && !(schema instanceof Integer && (Integer) schema == 1)) {
			throw new IllegalArgumentException("schema: expected 1 (the version this sluice reads), found " + schema);
		}
		Instant time = m.get("time") == null ? null : time(m.get("time"));
		String logger = string(m, "logger", "root");
		Level level = level(m.get("level"));
		String message = string(m, "message", null);
		if (message == null) {
			throw new IllegalArgumentException("message: expected a string, found none");
		}
		String thread = string(m, "thread", "main");
		Attributes context = Attributes.empty();
		if (m.get("context") != null) {
			if (!(m.get("context") instanceof Map)) {
				throw new IllegalArgumentException("context: expected an object of attributes");
			}
			context = Attributes.from(((Map<String, Object>) m.get("context")));
		}
		String id = string(m, "id", null);
		Throwable error = null;
		if (m.get("error") != null) {
			if (!(m.get("error") instanceof Map)) {
				throw new IllegalArgumentException("error: expected an object with type, message and stack");
			}
			Map<String, Object> e = (Map<String, Object>) m.get("error");
			error = new ShippedError(string(e, "type", "Error"), string(e, "message", null), string(e, "stack", null));
		}
		return new ShippedRecord(time, logger, level, message, thread, context, error, id);
	}

	/** Logs this record on the calling thread, as the application would have. */
	void log(Sluice sluice) {
		Attributes attrs = id == null ? context : context.with(LogRecord.RECORD_ID, id);
		sluice.logger(logger).atLevel(level).attrs(attrs).cause(error).log(message);
	}

	/** The largest numeric level a line may carry (Python's CRITICAL is 50; custom levels stay far below this). */
	static final int MAX_LEVEL = 1_000;

	private static Instant time(Object v) {
		if (v instanceof String) {
			String s = (String) v;
			try {
				return Instant.parse(s);
			}
			catch (DateTimeParseException e) {
				try {
					return OffsetDateTime.parse(s).toInstant();
				}
				catch (DateTimeParseException e2) {
					// reported below
				}
			}
		}
		throw new IllegalArgumentException("time: expected an ISO-8601 instant such as 2020-07-29T00:00:11.491Z, found "
				+ (v instanceof String ? "'" + v + "'" : String.valueOf(v)));
	}

	private static Level level(Object v) {
		if (v == null) {
			throw new IllegalArgumentException("level: expected a level name (DEBUG, INFO, WARNING, ERROR, ...), found none");
		}
		if (v instanceof Number) {
			double d = ((Number) v).doubleValue();
			if (d != Math.rint(d) || d < 0 || d > MAX_LEVEL) {
				throw new IllegalArgumentException("level: expected a level name or a whole number from 0 to " + MAX_LEVEL
						+ ", found " + v);
			}
			return Level.of((int) d);
		}
		String s = String.valueOf(v).trim().toUpperCase(Locale.ROOT);
		switch (s) {
			// java.util.logging's names
			case "SEVERE":
				return Level.ERROR;
			case "CONFIG": case "FINE":
				return Level.DEBUG;
			case "FINER": case "FINEST": case "ALL":
				return Level.TRACE;
			default:
				try {
					return Level.parse(s);
				}
				catch (IllegalArgumentException e) {
					throw new IllegalArgumentException("level: " + e.getMessage());
				}
		}
	}

	private static String string(Map<String, Object> m, String key, String dflt) {
		Object v = m.get(key);
		if (v == null) {
			return dflt;
		}
		if (!(v instanceof String)) {
			throw new IllegalArgumentException(key + ": expected a string, found " + v);
		}
		return (String) v;
	}

	/**
	 * An error from the input: prints as its type and message, then its stack exactly as given. It
	 * is a {@link ForeignError}: sinks that report error classes report its type, and its stack
	 * trace holds the frames parsed from the stack text (Java's {@code at pkg.Class.method(File.java:12)}
	 * and Python's {@code File "app.py", line 12, in handler} lines).
	 */
	static final class ShippedError extends RuntimeException implements ForeignError {

		private static final java.util.regex.Pattern JAVA_FRAME = java.util.regex.Pattern
				.compile("^\\s*at\\s+(?:[\\w.$-]+/)*([\\w$.<>]+)\\.([\\w$<>-]+)\\(([^)]*)\\)");
		private static final java.util.regex.Pattern PYTHON_FRAME = java.util.regex.Pattern
				.compile("^\\s*File \"([^\"]+)\", line (\\d+), in (.+)$");

		private final String type;
		private final String stack;
		private final StackTraceElement[] frames;

		ShippedError(String type, String message, String stack) {
			super(message, null, false, false);
			this.type = type;
			this.stack = stack;
			this.frames = parse(stack);
		}

		@Override
		public String errorClass() {
			return type;
		}

		@Override
		public StackTraceElement[] getStackTrace() {
			return frames.clone();
		}

		static StackTraceElement[] parse(String stack) {
			if (stack == null || stack.isBlank()) {
				return new StackTraceElement[0];
			}
			java.util.List<StackTraceElement> out = new java.util.ArrayList<>();
			for (String line : stack.split("\\R")) {
				java.util.regex.Matcher j = JAVA_FRAME.matcher(line);
				if (j.find()) {
					String where = j.group(3);
					int colon = where.lastIndexOf(':');
					String file = colon > 0 ? where.substring(0, colon) : where.contains(".") ? where : null;
					int lineNumber = -1;
					if (colon > 0) {
						try {
							lineNumber = Integer.parseInt(where.substring(colon + 1).trim());
						}
						catch (NumberFormatException e) {
							lineNumber = -1;
						}
					}
					out.add(new StackTraceElement(j.group(1), j.group(2), file, lineNumber));
					continue;
				}
				java.util.regex.Matcher py = PYTHON_FRAME.matcher(line);
				if (py.find()) {
					out.add(new StackTraceElement("", py.group(3).trim(), py.group(1), Integer.parseInt(py.group(2))));
				}
			}
			return out.toArray(new StackTraceElement[0]);
		}

		@Override
		public String toString() {
			return getMessage() == null ? type : type + ": " + getMessage();
		}

		@Override
		public void printStackTrace(PrintWriter s) {
			s.println(stack != null && !stack.isBlank() ? stack.stripTrailing() : toString());
		}

		@Override
		public void printStackTrace(PrintStream s) {
			s.println(stack != null && !stack.isBlank() ? stack.stripTrailing() : toString());
		}
	}
}
