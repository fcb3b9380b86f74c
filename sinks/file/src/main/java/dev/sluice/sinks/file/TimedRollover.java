package dev.sluice.sinks.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code logging.handlers.TimedRotatingFileHandler} as CPython 3.11's handlers.py does it, line for
 * line: the first rollover computed from the file's mtime (or the time the sink was made when
 * there is no file), {@code computeRollover} with {@code atTime}, weekly days and the DST
 * corrections, the rotated name {@code base.<suffix>} named for the start of the interval, and
 * {@code getFilesToDelete}'s pruning. Times are whole seconds of the sink's clock, in the clock's
 * zone (Python's local time) or UTC.
 *
 * <p>With compression the rotated file is gzipped to {@code base.<suffix>.gz} by the housekeeper,
 * which then prunes (CPython's pattern matches the {@code .gz} names as well).
 */
final class TimedRollover implements Rollover {

	private static final int MIDNIGHT = 24 * 60 * 60;

	private final Path base;
	private final String when;
	private final long interval;
	private final int dayOfWeek;
	private final DateTimeFormatter suffix;
	private final Pattern extMatch;
	private final boolean utc;
	private final LocalTime atTime;
	private final ZoneId zone;
	private final int backupCount;
	private final boolean compress;
	private final long totalSizeCap;
	private final Housekeeper housekeeper;
	private long rolloverAt = Long.MIN_VALUE;

	/**
	 * @throws IllegalArgumentException with CPython's message for an invalid {@code when}
	 */
	TimedRollover(Path base, String when, int interval, boolean utc, LocalTime atTime, ZoneId zone, int backupCount,
			boolean compress, long totalSizeCap, Housekeeper housekeeper) {
		this.base = base;
		this.when = when.toUpperCase(java.util.Locale.ROOT);
		long unit;
		String pattern;
		String ext;
		int dow = -1;
		switch (this.when) {
			case "S":
				unit = 1;
				pattern = "uuuu-MM-dd_HH-mm-ss";
				ext = "^\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}(\\.\\w+)?$";
				break;
			case "M":
				unit = 60;
				pattern = "uuuu-MM-dd_HH-mm";
				ext = "^\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}(\\.\\w+)?$";
				break;
			case "H":
				unit = 60 * 60;
				pattern = "uuuu-MM-dd_HH";
				ext = "^\\d{4}-\\d{2}-\\d{2}_\\d{2}(\\.\\w+)?$";
				break;
			case "D":
			case "MIDNIGHT":
				unit = MIDNIGHT;
				pattern = "uuuu-MM-dd";
				ext = "^\\d{4}-\\d{2}-\\d{2}(\\.\\w+)?$";
				break;
			default:
				if (!this.when.startsWith("W")) {
					throw new IllegalArgumentException("Invalid rollover interval specified: " + when);
				}
				if (this.when.length() != 2) {
					throw new IllegalArgumentException(
							"You must specify a day for weekly rollover from 0 to 6 (0 is Monday): " + when);
				}
				if (this.when.charAt(1) < '0' || this.when.charAt(1) > '6') {
					throw new IllegalArgumentException("Invalid day specified for weekly rollover: " + when);
				}
				dow = this.when.charAt(1) - '0';
				unit = 7L * MIDNIGHT;
				pattern = "uuuu-MM-dd";
				ext = "^\\d{4}-\\d{2}-\\d{2}(\\.\\w+)?$";
		}
		this.interval = unit * interval;
		this.dayOfWeek = dow;
		this.suffix = DateTimeFormatter.ofPattern(pattern);
		this.extMatch = Pattern.compile(ext);
		this.utc = utc;
		this.atTime = atTime;
		this.zone = zone;
		this.backupCount = backupCount;
		this.compress = compress;
		this.totalSizeCap = totalSizeCap;
		this.housekeeper = housekeeper;
	}

	/** The next rollover, in epoch seconds (for tests and diagnostics). */
	long rolloverAt() {
		return rolloverAt;
	}

	@Override
	public void start(LogFile file, long createdSeconds) throws IOException {
		long t = Files.exists(base) ? Files.getLastModifiedTime(base).toInstant().getEpochSecond() : createdSeconds;
		rolloverAt = computeRollover(t);
	}

	private ZonedDateTime tuple(long t) {
		return Instant.ofEpochSecond(t).atZone(utc ? ZoneOffset.UTC : zone);
	}

	private boolean isDst(long t) {
		return zone.getRules().isDaylightSavings(Instant.ofEpochSecond(t));
	}

	long computeRollover(long currentTime) {
		long result = currentTime + interval;
		if (when.equals("MIDNIGHT") || when.startsWith("W")) {
			ZonedDateTime t = tuple(currentTime);
			int currentHour = t.getHour();
			int currentMinute = t.getMinute();
			int currentSecond = t.getSecond();
			int currentDay = t.getDayOfWeek().getValue() - 1; // 0 is Monday
			long rotateTs = atTime == null ? MIDNIGHT
					: (atTime.getHour() * 60L + atTime.getMinute()) * 60 + atTime.getSecond();
			long r = rotateTs - ((currentHour * 60L + currentMinute) * 60 + currentSecond);
			if (r < 0) {
				r += MIDNIGHT;
				currentDay = (currentDay + 1) % 7;
			}
			result = currentTime + r;
			if (when.startsWith("W")) {
				int day = currentDay;
				if (day != dayOfWeek) {
					int daysToWait = day < dayOfWeek ? dayOfWeek - day : 6 - day + dayOfWeek + 1;
					long newRolloverAt = result + daysToWait * (long) MIDNIGHT;
					if (!utc) {
						boolean dstNow = isDst(currentTime);
						boolean dstAtRollover = isDst(newRolloverAt);
						if (dstNow != dstAtRollover) {
							newRolloverAt += dstNow ? 3600 : -3600;
						}
					}
					result = newRolloverAt;
				}
			}
		}
		return result;
	}

	@Override
	public boolean shouldRollover(long position, boolean regular, long nowSeconds, int lineChars) {
		if (nowSeconds >= rolloverAt) {
			if (!regular) {
				rolloverAt = computeRollover(nowSeconds);
				return false;
			}
			return true;
		}
		return false;
	}

	@Override
	public void rollover(LogFile file, long currentTime) throws IOException {
		boolean dstNow = isDst(currentTime);
		long t = rolloverAt - interval;
		ZonedDateTime timeTuple = tuple(t);
		if (!utc) {
			boolean dstThen = isDst(t);
			if (dstNow != dstThen) {
				timeTuple = tuple(t + (dstNow ? 3600 : -3600));
			}
		}
		Path dfn = base.resolveSibling(base.getFileName() + "." + suffix.format(timeTuple));
		try {
			Files.deleteIfExists(dfn);
			if (Files.exists(base)) {
				Files.move(base, dfn, StandardCopyOption.REPLACE_EXISTING);
			}
			if (compress) {
				Path gz = dfn.resolveSibling(dfn.getFileName() + ".gz");
				housekeeper.submit("compress " + dfn, () -> {
					Housekeeper.gzip(dfn, gz);
					prune();
				});
			}
			else if (housekeeper != null) {
				housekeeper.submit("prune the backups of " + base, this::prune);
			}
			else {
				prune();
			}
		}
		finally {
			// set the next rollover even when renaming failed, so a broken rename is not retried per record
			long newRolloverAt = computeRollover(currentTime);
			while (newRolloverAt <= currentTime) {
				newRolloverAt += interval;
			}
			if ((when.equals("MIDNIGHT") || when.startsWith("W")) && !utc) {
				boolean dstAtRollover = isDst(newRolloverAt);
				if (dstNow != dstAtRollover) {
					newRolloverAt += dstNow ? 3600 : -3600;
				}
			}
			rolloverAt = newRolloverAt;
		}
	}

	private void prune() throws IOException {
		if (backupCount > 0) {
			for (Path p : filesToDelete()) {
				Files.deleteIfExists(p);
			}
		}
		if (totalSizeCap > 0) {
			Housekeeper.capTotalSize(backups(), totalSizeCap);
		}
	}

	/** CPython's getFilesToDelete (no namer): the matching backups but the newest backupCount. */
	List<Path> filesToDelete() throws IOException {
		List<Path> result = backups();
		if (result.size() < backupCount) {
			return List.of();
		}
		return result.subList(0, result.size() - backupCount);
	}

	/** The rotated files, sorted by path as CPython sorts them (oldest first). */
	List<Path> backups() throws IOException {
		Path dir = base.toAbsolutePath().getParent();
		String baseName = base.getFileName().toString();
		int dot = baseName.lastIndexOf('.');
		// os.path.splitext: a leading dot does not start an extension
		String n = dot > 0 && baseName.chars().limit(dot).anyMatch(c -> c != '.') ? baseName.substring(0, dot) : baseName;
		String prefix = n + ".";
		List<String> names = new ArrayList<>();
		try (Stream<Path> s = Files.list(dir)) {
			s.forEach(p -> names.add(p.getFileName().toString()));
		}
		List<String> result = new ArrayList<>();
		for (String fileName : names) {
			if (!fileName.startsWith(baseName) || !fileName.startsWith(prefix)) {
				continue;
			}
			String sfx = fileName.substring(prefix.length());
			for (String part : sfx.split("\\.", -1)) {
				if (extMatch.matcher(part).matches()) {
					result.add(dir.resolve(fileName).toString());
					break;
				}
			}
		}
		Collections.sort(result);
		List<Path> paths = new ArrayList<>(result.size());
		for (String r : result) {
			paths.add(Path.of(r));
		}
		return paths;
	}
}
