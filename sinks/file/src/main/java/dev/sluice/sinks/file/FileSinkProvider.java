package dev.sluice.sinks.file;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.support.TextEncoder;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;

/**
 * File sinks under Python's class names and short ones:
 * <ul>
 * <li>{@code logging.FileHandler} / {@code file}: {@code filename} (required), {@code mode}
 * ({@code a}, default, or {@code w}), {@code encoding} (default UTF-8; Python's codec names such
 * as {@code utf8}, {@code latin-1}), {@code errors} ({@code strict}, default: a record the
 * encoding cannot represent is dropped as {@code encoding_error}; {@code replace}; {@code ignore};
 * {@code backslashreplace}, {@code xmlcharrefreplace}, {@code namereplace}, as CPython writes them),
 * {@code delay};</li>
 * <li>{@code logging.handlers.RotatingFileHandler} / {@code rotating_file}: the same, plus
 * {@code maxBytes}, {@code backupCount} (a positive maxBytes forces mode {@code a}, as Python);</li>
 * <li>{@code logging.handlers.TimedRotatingFileHandler} / {@code timed_rotating_file}:
 * {@code filename}, {@code when} (S, M, H, D, midnight, W0-W6, any case; default H),
 * {@code interval} (default 1), {@code backupCount}, {@code utc}, {@code atTime}
 * ({@code "HH:MM[:SS]"}), {@code encoding}, {@code errors}, {@code delay} (no {@code mode}, as
 * Python).</li>
 * </ul>
 * Beyond Python, on every file sink: {@code fsync} ({@code never}, default, or {@code batch}) and
 * {@code escapeControlChars} (default false, as CPython writes a multi-line message and a traceback
 * on several lines; true escapes a Python formatter's CR, LF and other control characters in the
 * message, so that one record is one line); on the rotating ones:
 * {@code compress} (gzip rotated files off the write path) and {@code totalSizeCap} (bytes, or a
 * size such as {@code "500MB"}: the oldest backups are deleted beyond it). Also on every file sink:
 * {@code dedup_window} (default {@value #DEFAULT_DEDUP_WINDOW}; 0 turns it off): a record whose id
 * ({@code sluice.id} attribute, as records shipped from Kafka carry) is among the ids of the last
 * that many records written is skipped, counted as dropped with reason {@code duplicate}.
 *
 * <p>Relative file names resolve against the environment's base directory; missing parent
 * directories are created (Python would fail). The file is opened by the first write, on the
 * runner thread, whatever {@code delay} says: {@code delay} is accepted for compatibility.
 */
public final class FileSinkProvider implements SinkProvider {

	/** Ids remembered per sink: about 100 bytes each, so about 1 MB per sink that sees ids. */
	static final int DEFAULT_DEDUP_WINDOW = 10_000;

	static final Set<String> FILE = Set.of("logging.FileHandler", "file");
	static final Set<String> WATCHED = Set.of("logging.handlers.WatchedFileHandler", "watched_file");
	static final Set<String> ROTATING = Set.of("logging.handlers.RotatingFileHandler", "rotating_file");
	static final Set<String> TIMED = Set.of("logging.handlers.TimedRotatingFileHandler", "timed_rotating_file");

	/** A stream's or a file's {@code terminator}, set through a dictConfig's {@code '.'}. */
	@Override
	public Set<String> attributeOptions() {
		return Set.of("terminator");
	}

	@Override
	public Set<String> classNames() {
		return Set.of("logging.FileHandler", "file", "logging.handlers.RotatingFileHandler", "rotating_file",
				"logging.handlers.TimedRotatingFileHandler", "timed_rotating_file", "logging.handlers.WatchedFileHandler",
				"watched_file");
	}

	/** Lossless while the disk takes what is written: a slow disk holds callers back, a full one is reported. */
	@Override
	public dev.sluice.pipeline.OverflowPolicy defaultOverflow() {
		return dev.sluice.pipeline.OverflowPolicy.BLOCK;
	}

	@Override
	public Sink create(SinkSpec spec) {
		SinkOptions o = spec.options();
		String cls = spec.className();
		boolean rotating = ROTATING.contains(cls);
		boolean timed = TIMED.contains(cls);
		boolean watched = WATCHED.contains(cls);
		if (!rotating && !timed && !watched && !FILE.contains(cls)) {
			throw new IllegalArgumentException("not a file handler class: " + cls);
		}
		String filename = o.requiredString("filename");
		boolean truncate = false;
		if (!timed) {
			String mode = o.string("mode", "a");
			switch (mode) {
				case "a": case "at": case "a+": case "at+":
					break;
				case "w": case "wt": case "w+": case "wt+":
					truncate = true;
					break;
				default:
					o.problem("mode", "expected 'a' (append) or 'w' (truncate), found '" + mode + "'"
							+ (mode.contains("b") ? ": binary modes cannot take formatted text" : ""));
			}
		}
		Charset charset = charset(o, o.string("encoding", null));
		String errors = o.choice("errors", "strict", TextEncoder.PYTHON_ERRORS.toArray(new String[0]));
		String terminator = o.string("terminator", "\n");
		o.bool("delay", false);
		boolean escape = o.bool("escapeControlChars", false);
		boolean fsync = "batch".equals(o.choice("fsync", "never", "never", "batch"));
		int dedupWindow = o.integer("dedup_window", DEFAULT_DEDUP_WINDOW);
		if (dedupWindow < 0 || dedupWindow > 10_000_000) {
			o.problem("dedup_window", "expected 0 (no de-duplication) to 10000000 record ids, found " + dedupWindow);
			dedupWindow = 0;
		}
		long maxBytes = 0;
		int backupCount = 0;
		String when = null;
		int interval = 1;
		boolean utc = false;
		LocalTime atTime = null;
		boolean compress = false;
		long totalSizeCap = 0;
		if (rotating || timed) {
			backupCount = o.integer("backupCount", 0);
			if (backupCount < 0) {
				o.problem("backupCount", "expected 0 or more, found " + backupCount);
			}
			compress = o.bool("compress", false);
			totalSizeCap = size(o, "totalSizeCap");
		}
		if (rotating) {
			maxBytes = o.longValue("maxBytes", 0);
			if (maxBytes < 0) {
				o.problem("maxBytes", "expected 0 (never roll over) or more, found " + maxBytes);
			}
			if (maxBytes > 0) {
				truncate = false; // Python forces mode 'a' when rolling over
			}
		}
		if (timed) {
			when = o.string("when", "h");
			interval = o.integer("interval", 1);
			if (interval < 1) {
				o.problem("interval", "expected 1 or more, found " + interval);
				interval = 1;
			}
			utc = o.bool("utc", false);
			String at = o.string("atTime", null);
			if (at != null) {
				try {
					atTime = LocalTime.parse(at.trim().length() == 5 ? at.trim() + ":00" : at.trim());
				}
				catch (DateTimeParseException e) {
					o.problem("atTime", "expected a time of day such as \"03:30\" or \"03:30:00\", found '" + at + "'");
				}
			}
		}
		Clock clock = spec.environment().clock();
		Path path = spec.environment().resolve(filename == null ? "" : filename).toAbsolutePath().normalize();
		Rollover rollover = Rollover.NONE;
		Housekeeper housekeeper = null;
		if (timed) {
			try {
				// built once here to validate 'when'; rebuilt below with the housekeeper
				new TimedRollover(path, when, interval, utc, atTime, clock.getZone(), backupCount, false, 0, null);
			}
			catch (IllegalArgumentException e) {
				o.problem("when", e.getMessage() + " (expected S, M, H, D, midnight or W0-W6)");
			}
		}
		o.validate();
		if ((rotating || timed) && (compress || totalSizeCap > 0)) {
			housekeeper = new Housekeeper(spec.handlerName(), spec.environment().status());
		}
		if (timed) {
			rollover = new TimedRollover(path, when, interval, utc, atTime, clock.getZone(), backupCount, compress,
					totalSizeCap, housekeeper);
		}
		else if (rotating && maxBytes > 0) {
			rollover = new SizeRollover(path, maxBytes, backupCount, compress, totalSizeCap, housekeeper);
		}
		Layout layout = spec.layout().withEscapeControlChars(escape);
		FileSinkConfig config = new FileSinkConfig(spec.handlerName(), path, truncate, charset,
				errors, maxBytes, backupCount, when, interval, utc, atTime,
				compress, totalSizeCap, fsync, dedupWindow, watched, terminator);
		return new FileSink(config, layout, clock, spec.environment().status(), rollover, housekeeper);
	}

	/** Python's codec names, mapped to Java's charsets; null is UTF-8 (Python's default on Linux). */
	static Charset charset(SinkOptions o, String encoding) {
		if (encoding == null) {
			return StandardCharsets.UTF_8;
		}
		String e = encoding.trim().toLowerCase(Locale.ROOT).replace('_', '-');
		switch (e) {
			case "utf8": case "utf-8": case "u8": case "utf":
				return StandardCharsets.UTF_8;
			case "latin-1": case "latin1": case "l1": case "iso-8859-1": case "iso8859-1": case "8859":
				return StandardCharsets.ISO_8859_1;
			case "ascii": case "us-ascii": case "646":
				return StandardCharsets.US_ASCII;
			default:
		}
		try {
			return Charset.forName(e);
		}
		catch (RuntimeException ex) {
			o.problem("encoding", "unknown encoding '" + encoding + "'");
			return StandardCharsets.UTF_8;
		}
	}

	/** A size: a number of bytes, or a string with KB, MB, GB (powers of 1024, as Logback). */
	static long size(SinkOptions o, String key) {
		Object raw = o.raw().get(key);
		if (raw == null) {
			o.accept(key);
			return 0;
		}
		if (raw instanceof Number) {
			return o.longValue(key, 0);
		}
		String s = o.string(key, "0").trim().toUpperCase(Locale.ROOT).replace(" ", "");
		long mult = 1;
		String digits = s;
		String[][] units = {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"K", "1024"}, {"M", "1048576"},
				{"G", "1073741824"}, {"B", "1"}};
		for (String[] u : units) {
			if (s.endsWith(u[0])) {
				mult = Long.parseLong(u[1]);
				digits = s.substring(0, s.length() - u[0].length());
				break;
			}
		}
		try {
			long v = Long.parseLong(digits);
			if (v < 0) {
				throw new NumberFormatException();
			}
			return Math.multiplyExact(v, mult);
		}
		catch (NumberFormatException | ArithmeticException e) {
			o.problem(key, "expected a size such as 104857600, \"100MB\" or \"1GB\", found '" + raw + "'");
			return 0;
		}
	}
}
