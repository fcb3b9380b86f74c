package dev.sluice.layouts;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Layouts;

/**
 * Python's {@code logging.Formatter}: for the same record and the same {@code format},
 * {@code datefmt} and {@code style}, the same text, byte for byte.
 *
 * <p><b>Formats.</b> All three styles ({@code %}, <code>{</code>, {@code $}), with the record
 * attributes that have a meaning in Java: asctime, created, msecs, relativeCreated, levelname,
 * levelno, name, message, msg, thread, threadName, process, processName, and the caller's
 * location (module, funcName, lineno, pathname, filename, from {@link LogRecord#location()}:
 * {@link #needsLocation()} is true only when the format uses one of them). Any other field name
 * is looked up in the record's {@linkplain LogRecord#attributes() attributes} (Python's
 * {@code extra}), then in the {@link Builder#defaults defaults}; a field found in neither is
 * printed as empty (CPython would fail the whole record). Flags, width and precision work as
 * CPython's {@code %} operator and {@code str.format} apply them to the attribute's Python type
 * (created, msecs and relativeCreated are floats; levelno, lineno, thread and process ints).
 *
 * <p><b>Times.</b> msecs and the milliseconds of the default asctime are computed from integer
 * nanoseconds as CPython 3.12+ does (exact; 3.11 can print 490 for .491), relativeCreated from
 * {@link ProcessStart}. Without a datefmt, asctime is {@code 2020-07-29 00:00:11,491}; a datefmt
 * takes Python's strftime codes (glibc's, C locale). Times are in the formatter's zone, or in UTC
 * when the converter is {@code time.gmtime} ({@link Builder#utc}).
 *
 * <p><b>Exceptions.</b> A record's throwable follows the text on the next line, as Python appends
 * its traceback (a Java stack trace here, not a Python traceback).
 *
 * <p><b>Escaping.</b> With {@link Builder#escapeControlChars} the message's CR, LF and other
 * control characters but tab are written as {@code \n}, {@code \r}, {@code \x1b}..., so that one
 * record is one line (log injection); the exception text is not escaped, and a message without
 * such characters is written unchanged. File sinks turn this on by default.
 *
 * <p><b>Errors.</b> A format CPython's {@code Formatter(validate=True)} rejects, or one that
 * would fail for every record, throws {@link IllegalArgumentException} from {@link Builder#build()}
 * with a message naming the format and the problem.
 *
 * <p>The format is compiled once into a plan of parts; {@link #format(LogRecord, StringBuilder)}
 * appends into the caller's builder and, for the common fields, allocates nothing but the
 * formatted date once per second. Immutable and thread-safe.
 */
public final class PythonFormatter implements Layout {

	private final String format;
	private final char style;
	private final Part[] parts;
	private final FormatContext ctx;
	private final boolean needsLocation;

	private PythonFormatter(String format, char style, Part[] parts, FormatContext ctx) {
		this.format = format;
		this.style = style;
		this.parts = parts;
		this.ctx = ctx;
		boolean loc = false;
		for (Part p : parts) {
			PyAttribute a = p.attribute();
			loc |= a != null && a.location;
		}
		this.needsLocation = loc;
	}

	/** A builder with Python's defaults: format {@code %(message)s}, style {@code %}, validate, local time. */
	public static Builder builder() {
		return new Builder();
	}

	/** {@code logging.Formatter(fmt)} with the other settings at their defaults. */
	public static PythonFormatter of(String format) {
		return builder().format(format).build();
	}

	@Override
	public void format(LogRecord record, StringBuilder out) {
		int start = out.length();
		for (Part p : parts) {
			p.append(record, ctx, out);
		}
		Throwable t = record.thrown();
		if (t != null) {
			if (out.length() == start || out.charAt(out.length() - 1) != '\n') {
				out.append('\n');
			}
			out.append(Layouts.stackTrace(t));
		}
	}

	@Override
	public boolean needsLocation() {
		return needsLocation;
	}

	/** The context (zone, date format, process) fields are read with; package-private for the JSON formatter. */
	FormatContext context() {
		return ctx;
	}

	/** Whether the message's control characters are escaped. */
	public boolean escapesControlChars() {
		return ctx.escape;
	}

	/** This formatter with message escaping on or off (file sinks turn it on unless configured off). */
	@Override
	public PythonFormatter withEscapeControlChars(boolean escape) {
		return escape == ctx.escape ? this : new PythonFormatter(format, style, parts, ctx.withEscape(escape));
	}

	/** The format string as given (or the style's default). */
	public String formatString() {
		return format;
	}

	@Override
	public String toString() {
		return "PythonFormatter{" + style + " '" + format + "'" + (ctx.datefmt != null ? " datefmt '"
				+ ctx.datefmt.pattern() + "'" : "") + (ctx.utc ? " utc" : " " + ctx.zone) + "}";
	}

	/**
	 * Builds a {@link PythonFormatter} from the keys of a dictConfig formatter entry. Not
	 * thread-safe; {@link #build()} may be called more than once.
	 */
	public static final class Builder {

		private String format;
		private String datefmt;
		private char style = '%';
		private boolean validate = true;
		private boolean utc;
		private ZoneId zone = ZoneId.systemDefault();
		private boolean escape;
		private Map<String, Object> defaults = Map.of();
		private String processName = "MainProcess";
		private long pid = ProcessHandle.current().pid();
		private Long startNanos;
		private String defaultTimeFormat = FormatContext.DEFAULT_TIME_FORMAT;
		private String timeField;
		private Map<String, Function<? super LogRecord, ?>> fields = Map.of();

		private Builder() {
		}

		/** The format ({@code fmt}); null or empty means the style's default ({@code %(message)s}...). */
		public Builder format(String format) {
			this.format = format;
			return this;
		}

		/** The strftime format of asctime; null or empty means {@code %Y-%m-%d %H:%M:%S,mmm}. */
		public Builder datefmt(String datefmt) {
			this.datefmt = datefmt;
			return this;
		}

		/**
		 * The style: {@code "%"}, <code>"{"</code> or {@code "$"}.
		 *
		 * @throws IllegalArgumentException for any other text, as Python's ValueError
		 */
		public Builder style(String style) {
			if (style == null || style.length() != 1 || "%{$".indexOf(style.charAt(0)) < 0) {
				throw new IllegalArgumentException("Style must be one of: %,{,$ (found '" + style + "')");
			}
			this.style = style.charAt(0);
			return this;
		}

		/** Whether to apply CPython's {@code validate=True} checks (default true). */
		public Builder validate(boolean validate) {
			this.validate = validate;
			return this;
		}

		/** Times in UTC, as with {@code converter = time.gmtime} (default false: the zone). */
		public Builder utc(boolean utc) {
			this.utc = utc;
			return this;
		}

		/** The local time zone of {@code time.localtime} (default: the JVM's default zone). */
		public Builder zone(ZoneId zone) {
			this.zone = Objects.requireNonNull(zone, "zone");
			return this;
		}

		/** Escape control characters in the message (default false, as Python). */
		public Builder escapeControlChars(boolean escape) {
			this.escape = escape;
			return this;
		}

		/** Values of fields that a record lacks (Python 3.10's {@code defaults}). */
		public Builder defaults(Map<String, ?> defaults) {
			// a copy that keeps null values (Python's None defaults)
			this.defaults = java.util.Collections.unmodifiableMap(
					new LinkedHashMap<>(Objects.requireNonNull(defaults, "defaults")));
			return this;
		}

		/**
		 * The strftime format of asctime when there is no datefmt, followed by {@code ,mmm} as in
		 * CPython (a Formatter subclass's {@code default_time_format}; default {@code %Y-%m-%d %H:%M:%S}).
		 */
		public Builder defaultTimeFormat(String defaultTimeFormat) {
			this.defaultTimeFormat = Objects.requireNonNull(defaultTimeFormat, "defaultTimeFormat");
			return this;
		}

		/**
		 * A field that, when a record has no attribute of that name, holds what asctime holds
		 * ({@code formatTime(record, datefmt)}), as Django's {@code ServerFormatter} sets
		 * {@code server_time}; null (the default) for none.
		 */
		public Builder timeField(String timeField) {
			this.timeField = timeField;
			return this;
		}

		/**
		 * Fields computed from each record, as a Formatter subclass sets them on the record before
		 * formatting (uvicorn's {@code levelprefix}): they take precedence over the record's
		 * attributes. A function that throws {@link IllegalArgumentException} fails the record as
		 * CPython's {@code ValueError} would: nothing written for it, counted {@code format_error}.
		 * Functions are called on the sink's thread and must be thread-safe.
		 */
		public Builder fields(Map<String, ? extends Function<? super LogRecord, ?>> fields) {
			this.fields = Map.copyOf(Objects.requireNonNull(fields, "fields"));
			return this;
		}

		/** The processName field (default "MainProcess", as CPython's main process). */
		public Builder processName(String processName) {
			this.processName = Objects.requireNonNull(processName, "processName");
			return this;
		}

		/** The process field (default: this JVM's pid). */
		public Builder pid(long pid) {
			this.pid = pid;
			return this;
		}

		/** The start of relativeCreated in epoch nanoseconds (default {@link ProcessStart#epochNanos()}). */
		public Builder startNanos(long startNanos) {
			this.startNanos = startNanos;
			return this;
		}

		/**
		 * Compiles the format.
		 *
		 * @throws IllegalArgumentException naming the format and the problem, when CPython would
		 *                                  reject it or could not apply it to any record
		 */
		public PythonFormatter build() {
			String fmt = format == null || format.isEmpty()
					? (style == '%' ? "%(message)s" : style == '{' ? "{message}" : "${message}")
					: format;
			List<Part> parts = FormatCompiler.compile(fmt, style, validate);
			FormatContext ctx = new FormatContext(zone, utc, datefmt, processName, pid,
					startNanos != null ? startNanos : ProcessStart.epochNanos(), escape, defaults, defaultTimeFormat,
					timeField, fields);
			return new PythonFormatter(fmt, style, parts.toArray(new Part[0]), ctx);
		}
	}
}
