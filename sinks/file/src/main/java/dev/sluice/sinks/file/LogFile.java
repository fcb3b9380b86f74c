package dev.sluice.sinks.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The open file a sink writes to: a channel, the position it is at (Python's {@code tell()}), and
 * whether it is a regular file (only regular files are rotated, as in CPython). Used only from
 * the sink's runner thread; every method may block.
 */
final class LogFile {

	/** How a file is opened: {@code FileChannel::open}; tests give a channel that fails like a full disk. */
	interface Opener {
		FileChannel open(Path path, StandardOpenOption... options) throws IOException;
	}

	private final Path path;
	/** Replaced by tests only. */
	Opener opener = FileChannel::open;
	private boolean truncateNextOpen;
	private FileChannel channel;
	private long position;
	private boolean regular;
	/** The file's identity (device and inode) when it was opened, or null where the file system has none. */
	private Object key;
	/** The position after the last write that completed; a failed write's bytes past it are cut back. */
	private long committed;
	/** A write failed part way: the bytes after {@link #committed} are a torn record, cut at the next open. */
	private boolean torn;

	LogFile(Path path, boolean truncate) {
		this.path = path;
		this.truncateNextOpen = truncate;
	}

	Path path() {
		return path;
	}

	boolean isOpen() {
		return channel != null;
	}

	/** Opens the file if it is not open; creates missing parent directories. */
	void ensureOpen() throws IOException {
		if (channel != null) {
			return;
		}
		Path parent = path.getParent();
		if (parent != null && !Files.isDirectory(parent)) {
			Files.createDirectories(parent);
		}
		FileChannel c;
		if (truncateNextOpen) {
			c = opener.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING);
		}
		else {
			c = opener.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
		}
		// mode 'w' empties the file once; a reopen after a rollover or an error appends
		truncateNextOpen = false;
		channel = c;
		try {
			position = c.size();
		}
		catch (IOException e) {
			position = 0;
		}
		regular = Files.isRegularFile(path);
		key = identity();
		if (torn && regular && position > committed) {
			// a write that failed part way (a full disk) left a record's first bytes: cut them, so that
			// the next record does not start in the middle of a line
			c.truncate(committed);
			position = committed;
		}
		torn = false;
		committed = position;
	}

	/** The identity of the file now at the path (device and inode on Linux), or null if none or unknown. */
	Object identity() {
		try {
			return Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
		}
		catch (IOException e) {
			return null;
		}
	}

	/** Whether the open file is still the one at the path (false when it was moved, deleted or replaced). */
	boolean stillAtPath() {
		if (channel == null || key == null) {
			return true;
		}
		return key.equals(identity());
	}

	/** The number of bytes in the file, as Python's {@code stream.tell()} after a seek to the end. */
	long position() {
		return position;
	}

	boolean isRegular() {
		return regular;
	}

	/** Writes all of {@code bytes} (one system call unless the kernel writes less). */
	void write(ByteBuffer bytes) throws IOException {
		try {
			while (bytes.hasRemaining()) {
				position += channel.write(bytes);
			}
			committed = position;
		}
		catch (IOException e) {
			torn = position > committed;
			throw e;
		}
	}

	void force() throws IOException {
		if (channel != null) {
			channel.force(false);
		}
	}

	/** Closes the channel; errors are ignored (the data was written or already reported). */
	void close() {
		FileChannel c = channel;
		channel = null;
		if (c != null) {
			try {
				c.close();
			}
			catch (IOException e) {
				// nothing left to save: writes already succeeded or were counted as dropped
			}
		}
	}
}
