package dev.sluice.sinks.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code logging.handlers.RotatingFileHandler}'s rule and naming: roll over when the file's size
 * plus the next record's length (in characters, with its newline, as CPython counts
 * {@code len(msg)}) reaches {@code maxBytes}; then {@code app.log.N-1} becomes {@code app.log.N},
 * ..., {@code app.log} becomes {@code app.log.1}, and the oldest beyond {@code backupCount} is
 * overwritten. As in CPython, {@code backupCount} 0 never rotates (the file is only reopened), and
 * a file that is not a regular file is never rotated. As in CPython 3.12.4+ (gh-116263), an empty
 * file is never rolled over (3.11 would roll it and leave an empty backup).
 *
 * <p>With compression the backups are {@code app.log.N.gz}: the runner renames {@code app.log} to
 * {@code app.log.1} and the housekeeper gzips it, before the next rollover renames again.
 */
final class SizeRollover implements Rollover {

	private final Path base;
	private final long maxBytes;
	private final int backupCount;
	private final boolean compress;
	private final long totalSizeCap;
	private final Housekeeper housekeeper;

	SizeRollover(Path base, long maxBytes, int backupCount, boolean compress, long totalSizeCap,
			Housekeeper housekeeper) {
		this.base = base;
		this.maxBytes = maxBytes;
		this.backupCount = backupCount;
		this.compress = compress;
		this.totalSizeCap = totalSizeCap;
		this.housekeeper = housekeeper;
	}

	@Override
	public boolean shouldRollover(long position, boolean regular, long nowSeconds, int lineChars) {
		return regular && position > 0 && position + lineChars >= maxBytes;
	}

	private Path backup(int i) {
		return base.resolveSibling(base.getFileName() + "." + i + (compress ? ".gz" : ""));
	}

	@Override
	public void rollover(LogFile file, long nowSeconds) throws IOException {
		if (backupCount <= 0) {
			return;
		}
		if (housekeeper != null) {
			// the previous rollover's compression must be done before its file is renamed again
			housekeeper.awaitIdle();
		}
		for (int i = backupCount - 1; i > 0; i--) {
			Path sfn = backup(i);
			Path dfn = backup(i + 1);
			if (Files.exists(sfn)) {
				Files.deleteIfExists(dfn);
				Files.move(sfn, dfn, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		Path dfn = backup(1);
		Files.deleteIfExists(dfn);
		Path plain = base.resolveSibling(base.getFileName() + ".1");
		if (Files.exists(base)) {
			Files.move(base, plain, StandardCopyOption.REPLACE_EXISTING);
		}
		if (compress) {
			housekeeper.submit("compress " + plain, () -> {
				Housekeeper.gzip(plain, dfn);
				Housekeeper.capTotalSize(backupsOldestFirst(), totalSizeCap);
			});
		}
		else if (totalSizeCap > 0) {
			Housekeeper.capTotalSize(backupsOldestFirst(), totalSizeCap);
		}
	}

	/** The backups, oldest (highest number) first. */
	List<Path> backupsOldestFirst() {
		List<Path> out = new ArrayList<>();
		for (int i = backupCount; i >= 1; i--) {
			out.add(backup(i));
		}
		return out;
	}
}
