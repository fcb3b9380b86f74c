package dev.sluice.layouts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.function.Function;

import dev.sluice.pipeline.LogRecord;

/**
 * What a compiled format needs besides the record: the time zone and converter, the date format,
 * the process facts, the start instant of relativeCreated, the message escaping, the defaults of
 * extra fields, and the cache of the formatted date per second.
 *
 * <p>Thread-safety: immutable but for {@link #cache}, a volatile reference to an immutable
 * (second, text) pair; a race only formats the same second twice.
 */
final class FormatContext {

	static final String DEFAULT_TIME_FORMAT = "%Y-%m-%d %H:%M:%S";

	final ZoneId zone;
	final boolean utc;
	/** The datefmt, or null for Python's default {@code %Y-%m-%d %H:%M:%S,mmm}. */
	final Strftime datefmt;
	private final Strftime dateOrDefault;
	final String processName;
	final long pid;
	final long startNanos;
	final boolean escape;
	final Map<String, Object> defaults;
	/** The strftime format of asctime without a datefmt (a Formatter's {@code default_time_format}). */
	private final String defaultTimeFormat;
	/** A field that, when the record lacks it, holds asctime's text (Django's {@code server_time}), or null. */
	private final String timeField;
	/** Fields computed from the record (uvicorn's {@code levelprefix}), before its attributes. */
	private final Map<String, Function<? super LogRecord, ?>> computed;

	/** Written by any formatting thread, read by all: the last second formatted and its text. */
	private volatile CachedSecond cache;

	private static final class CachedSecond {
		final long second;
		final String text;

		CachedSecond(long second, String text) {
			this.second = second;
			this.text = text;
		}
	}

	FormatContext(ZoneId zone, boolean utc, String datefmt, String processName, long pid, long startNanos,
			boolean escape, Map<String, Object> defaults) {
		this(zone, utc, datefmt, processName, pid, startNanos, escape, defaults, DEFAULT_TIME_FORMAT, null, Map.of());
	}

	FormatContext(ZoneId zone, boolean utc, String datefmt, String processName, long pid, long startNanos,
			boolean escape, Map<String, Object> defaults, String defaultTimeFormat, String timeField,
			Map<String, Function<? super LogRecord, ?>> computed) {
		this.computed = computed;
		this.zone = zone;
		this.utc = utc;
		this.defaultTimeFormat = defaultTimeFormat;
		this.timeField = timeField;
		this.datefmt = datefmt == null || datefmt.isEmpty() ? null : new Strftime(datefmt);
		this.dateOrDefault = this.datefmt != null ? this.datefmt : new Strftime(defaultTimeFormat);
		this.processName = processName;
		this.pid = pid;
		this.startNanos = startNanos;
		this.escape = escape;
		this.defaults = defaults;
	}

	FormatContext withEscape(boolean newEscape) {
		return new FormatContext(zone, utc, datefmt == null ? null : datefmt.pattern(), processName, pid,
				startNanos, newEscape, defaults, defaultTimeFormat, timeField, computed);
	}

	/** Appends asctime as {@code Formatter.formatTime} makes it. */
	void appendAsctime(LogRecord r, StringBuilder out) {
		long ns = r.epochNanos();
		// CPython converts the float record.created (ns / 1e9) with time.localtime, which floors
		// it: within ~120 ns of the next second the float rounds up and so does the printed
		// second, while msecs (from the integer) stays 999. Kept for byte-for-byte equality.
		long second = (long) Math.floor(ns / 1e9);
		CachedSecond c = cache;
		if (c == null || c.second != second) {
			ZonedDateTime t = Instant.ofEpochSecond(second).atZone(utc ? ZoneOffset.UTC : zone);
			c = new CachedSecond(second, dateOrDefault.format(t, utc, zone));
			cache = c;
		}
		out.append(c.text);
		if (datefmt == null) {
			// default_msec_format '%s,%03d'
			int ms = (int) (Math.floorMod(ns, 1_000_000_000L) / 1_000_000L);
			out.append(',');
			if (ms < 100) {
				out.append(ms < 10 ? "00" : "0");
			}
			out.append(ms);
		}
	}

	String asctime(LogRecord r) {
		StringBuilder sb = new StringBuilder(32);
		appendAsctime(r, sb);
		return sb.toString();
	}

	/** The value of an extra field: the record's attribute, else the default, else null (absent). */
	Object extra(LogRecord r, String name) {
		Function<? super LogRecord, ?> f = computed.get(name);
		if (f != null) {
			try {
				Object v = f.apply(r);
				return v == null ? "None" : v;
			}
			catch (IllegalArgumentException e) {
				throw new FieldError("ValueError: " + e.getMessage());
			}
		}
		Object v = r.attributes().get(name);
		if (v == null && name.equals(timeField)) {
			return asctime(r);
		}
		if (v == null && defaults.containsKey(name)) {
			v = defaults.get(name);
			if (v == null) {
				return "None"; // a default of None prints as str(None)
			}
		}
		return v;
	}
}
