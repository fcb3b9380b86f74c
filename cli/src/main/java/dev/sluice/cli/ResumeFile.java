package dev.sluice.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code sluice ship --resume FILE}: where a shipped input stands, so that a run stopped by a
 * crash ({@code kill -9}, a power cut) continues where the records known to be settled end,
 * instead of losing what was in flight or shipping the whole input again. The file holds the byte
 * offset and the line number after the last settled line; it is written (atomically, by a move)
 * each time a flush barrier completes and at the end of a run. After a crash the records between
 * that point and the crash may be shipped again (at most about two windows): at least once,
 * never lost. Not thread-safe; used from the reading thread and, at the end, the run's.
 */
final class ResumeFile {

	private final Path file;

	ResumeFile(Path file) {
		this.file = file.toAbsolutePath();
	}

	/** The saved {offset, line}, or {0, 0} when the file does not exist yet. */
	long[] load() throws IOException {
		if (!Files.exists(file)) {
			return new long[] {0, 0};
		}
		String text = Files.readString(file, StandardCharsets.UTF_8).trim();
		String[] parts = text.split("\\s+");
		try {
			long offset = Long.parseLong(parts[0]);
			long line = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
			if (offset < 0 || line < 0) {
				throw new NumberFormatException("negative");
			}
			return new long[] {offset, line};
		}
		catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
			throw new IOException(file + " is not a resume file (expected \"OFFSET LINE\", found '" + text + "')");
		}
	}

	/** Saves the position; a failure is reported on {@code err} and shipping goes on. */
	void save(long offset, long line, PrintStream err) {
		Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
		try {
			Files.writeString(tmp, offset + " " + line + "\n", StandardCharsets.UTF_8);
			try {
				Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException e) {
			err.println("sluice ship: cannot save the position to " + file + ": " + e);
		}
	}

	@Override
	public String toString() {
		return "ResumeFile{" + file + '}';
	}
}
