package dev.sluice.benchmarks.stacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the main sink of a stack has delivered: lines in its file or in its no-op stream.
 *
 * <p>{@link #linesSoFar()} is cheap and may be called while the stack runs: for a file it is the
 * file's size divided by the length of its first line (every line of a run has the same length:
 * same message, same thread-name length, fixed-width time), off by at most what the library
 * still buffers. {@link #linesExact()} counts the newlines once the stack is stopped.
 */
public final class Output {

	private final Path file;
	private final LineCountingStream stream;
	private long lineLength;

	private Output(Path file, LineCountingStream stream) {
		this.file = file;
		this.stream = stream;
	}

	public static Output file(Path file) {
		return new Output(file, null);
	}

	public static Output noop() {
		return new Output(null, new LineCountingStream());
	}

	public Target target() {
		return file != null ? Target.FILE : Target.NOOP;
	}

	/** The file; only for {@link Target#FILE}. */
	public Path path() {
		if (file == null) {
			throw new IllegalStateException("a no-op output has no file");
		}
		return file;
	}

	/** The no-op stream; only for {@link Target#NOOP}. */
	public LineCountingStream stream() {
		if (stream == null) {
			throw new IllegalStateException("a file output has no stream");
		}
		return stream;
	}

	/** Lines delivered so far (an estimate for a file, see the class comment). */
	public long linesSoFar() {
		if (stream != null) {
			return stream.lines();
		}
		long size = bytes();
		if (size == 0) {
			return 0;
		}
		if (lineLength == 0) {
			lineLength = firstLineLength();
			if (lineLength == 0) {
				return 0;
			}
		}
		return size / lineLength;
	}

	/** Bytes delivered so far. */
	public long bytes() {
		if (stream != null) {
			return stream.bytes();
		}
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The exact number of lines; call once the stack is stopped. */
	public long linesExact() {
		if (stream != null) {
			return stream.lines();
		}
		if (!Files.exists(file)) {
			return 0;
		}
		long lines = 0;
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
			while (ch.read(buf) > 0) {
				buf.flip();
				while (buf.hasRemaining()) {
					if (buf.get() == '\n') {
						lines++;
					}
				}
				buf.clear();
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return lines;
	}

	/** The first line, without its newline (to show that every library wrote the same text). */
	public String firstLine() {
		if (stream != null || !Files.exists(file)) {
			return "";
		}
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer buf = ByteBuffer.allocate(4096);
			ch.read(buf);
			String s = new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.UTF_8);
			int nl = s.indexOf('\n');
			return nl < 0 ? "" : s.substring(0, nl);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Deletes the file (runs write gigabytes). */
	public void delete() {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}

	private long firstLineLength() {
		String first = firstLine();
		return first.isEmpty() ? 0 : first.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
	}
}
