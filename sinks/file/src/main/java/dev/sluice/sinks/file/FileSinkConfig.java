package dev.sluice.sinks.file;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalTime;

/**
 * The validated settings of one file sink, as its provider read them from the handler's options.
 *
 * @param handlerName  the handler's name, for diagnostics
 * @param path         the absolute path of the file written to
 * @param truncate     mode 'w': empty the file when it is first opened
 * @param charset      the encoding
 * @param errors       Python's encoding error handler: 'strict' (default: the record is dropped),
 *                     'replace', 'ignore', 'backslashreplace', 'xmlcharrefreplace' or 'namereplace'
 * @param maxBytes     size rollover threshold (0: none)
 * @param backupCount  how many rotated files to keep (0: Python's meaning for each handler)
 * @param when         timed rollover unit, upper case (S, M, H, D, MIDNIGHT, W0-W6), or null
 * @param interval     timed rollover: how many units
 * @param utc          timed rollover in UTC instead of the clock's zone
 * @param atTime       time of day of MIDNIGHT and weekly rollovers, or null
 * @param compress     gzip rotated files off the write path
 * @param totalSizeCap bound of the rotated files' total size in bytes (0: none)
 * @param fsync        force the file to disk after every batch
 * @param dedupWindow  how many record ids are remembered to skip redelivered records (0: none)
 * @param watched      {@code WatchedFileHandler}: reopen the path when the file there is another
 *                     (moved, deleted, replaced: its device and inode changed), as CPython
 */
record FileSinkConfig(String handlerName, Path path, boolean truncate, Charset charset, String errors,
		long maxBytes, int backupCount, String when, int interval, boolean utc,
		LocalTime atTime, boolean compress, long totalSizeCap, boolean fsync,
		int dedupWindow, boolean watched, String terminator) {

	boolean timed() {
		return when != null;
	}

	boolean sized() {
		return maxBytes > 0;
	}
}
