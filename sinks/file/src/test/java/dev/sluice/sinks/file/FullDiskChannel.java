package dev.sluice.sinks.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A real file channel on a "disk" with a byte budget shared by every channel opened on it: a write
 * past the budget writes what fits (the first bytes of a record) and then fails with "No space
 * left on device", as a full disk does; {@link Disk#free(long)} makes room again.
 */
final class FullDiskChannel extends FileChannel {

	/** The budget; its {@link #opener()} opens real files through it. */
	static final class Disk {
		private long free;

		Disk(long free) {
			this.free = free;
		}

		void free(long bytes) {
			free = bytes;
		}

		LogFile.Opener opener() {
			return (Path path, StandardOpenOption... options) -> new FullDiskChannel(FileChannel.open(path, options), this);
		}
	}

	private final FileChannel file;
	private final Disk disk;

	private FullDiskChannel(FileChannel file, Disk disk) {
		this.file = file;
		this.disk = disk;
	}

	@Override
	public int write(ByteBuffer src) throws IOException {
		if (disk.free <= 0 && src.hasRemaining()) {
			throw new IOException("No space left on device");
		}
		if (src.remaining() <= disk.free) {
			int n = file.write(src);
			disk.free -= n;
			return n;
		}
		ByteBuffer part = src.duplicate();
		part.limit(part.position() + (int) disk.free);
		int n = file.write(part);
		src.position(src.position() + n);
		disk.free -= n;
		return n;
	}

	@Override
	public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
		long n = 0;
		for (int i = offset; i < offset + length; i++) {
			n += write(srcs[i]);
		}
		return n;
	}

	@Override
	public int read(ByteBuffer dst) throws IOException {
		return file.read(dst);
	}

	@Override
	public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
		return file.read(dsts, offset, length);
	}

	@Override
	public long position() throws IOException {
		return file.position();
	}

	@Override
	public FileChannel position(long newPosition) throws IOException {
		file.position(newPosition);
		return this;
	}

	@Override
	public long size() throws IOException {
		return file.size();
	}

	@Override
	public FileChannel truncate(long size) throws IOException {
		file.truncate(size);
		return this;
	}

	@Override
	public void force(boolean metaData) throws IOException {
		file.force(metaData);
	}

	@Override
	public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
		throw new UnsupportedOperationException();
	}

	@Override
	public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
		throw new UnsupportedOperationException();
	}

	@Override
	public int read(ByteBuffer dst, long position) throws IOException {
		return file.read(dst, position);
	}

	@Override
	public int write(ByteBuffer src, long position) throws IOException {
		throw new UnsupportedOperationException();
	}

	@Override
	public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
		throw new UnsupportedOperationException();
	}

	@Override
	public FileLock lock(long position, long size, boolean shared) throws IOException {
		return file.lock(position, size, shared);
	}

	@Override
	public FileLock tryLock(long position, long size, boolean shared) throws IOException {
		return file.tryLock(position, size, shared);
	}

	@Override
	protected void implCloseChannel() throws IOException {
		file.close();
	}
}
