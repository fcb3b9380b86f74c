package dev.sluice.sinks.file;

import java.io.IOException;

/**
 * When and how a file sink rolls its file over. Called only from the sink's runner thread, and
 * allowed to block (renames, deletes, a stat).
 */
interface Rollover {

	/** No rollover: {@code logging.FileHandler}. */
	Rollover NONE = new Rollover() {
		@Override
		public boolean shouldRollover(long position, boolean regular, long nowSeconds, int lineChars) {
			return false;
		}

		@Override
		public void rollover(LogFile file, long nowSeconds) {
			// never called
		}
	};

	/** Called once before the first record is written, with the file not yet open. */
	default void start(LogFile file, long createdSeconds) throws IOException {
	}

	/**
	 * Whether the next record must go to a new file.
	 *
	 * @param position   the file's size with the batch's bytes not yet written (Python's tell())
	 * @param regular    whether the file is a regular file (others are never rotated)
	 * @param nowSeconds the clock, in whole epoch seconds
	 * @param lineChars  the record's length with its newline, in code points
	 */
	boolean shouldRollover(long position, boolean regular, long nowSeconds, int lineChars);

	/** Rolls over; {@code file} has been closed, and is reopened by the caller. */
	void rollover(LogFile file, long nowSeconds) throws IOException;
}
