package dev.sluice.sinks.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

import dev.sluice.pipeline.sink.StatusLogger;

/**
 * Work on rotated files that must not hold up writing: gzip compression, pruning and the total
 * size cap. One daemon thread per sink runs the jobs in the order they were submitted, so the
 * files a job looks at are never being changed by an earlier one. A failing job is reported once
 * on the status logger; the next job runs anyway.
 */
final class Housekeeper {

	/** A job on the rotated files. */
	interface Job {
		void run() throws IOException;
	}

	private final StatusLogger status;
	private final String source;
	/** Made by the first job, so that a sink that never rotates (or a config probe) starts no thread. */
	private ExecutorService executor;
	private Future<?> last;

	Housekeeper(String handlerName, StatusLogger status) {
		this.status = status;
		this.source = handlerName;
	}

	/** Queues {@code job}; called from the sink's runner thread. */
	void submit(String what, Job job) {
		if (executor == null) {
			executor = Executors.newSingleThreadExecutor(r -> {
				Thread t = new Thread(r, "sluice-file-housekeeper-" + source);
				t.setDaemon(true);
				return t;
			});
		}
		last = executor.submit(() -> {
			try {
				job.run();
				status.forget("housekeeping:" + source);
			}
			catch (IOException | RuntimeException e) {
				status.once("housekeeping:" + source, source, "could not " + what, e);
			}
		});
	}

	/** Blocks until every job submitted so far has run (runner thread, close, tests). */
	void awaitIdle() {
		Future<?> f = last;
		if (f == null) {
			return;
		}
		try {
			f.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException e) {
			// reported by the job itself
		}
	}

	void shutdown() {
		awaitIdle();
		if (executor != null) {
			executor.shutdown();
		}
	}

	/** Compresses {@code source} into {@code target} (via a temporary file), then deletes {@code source}. */
	static void gzip(Path source, Path target) throws IOException {
		if (!Files.exists(source)) {
			return;
		}
		Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
		try (InputStream in = Files.newInputStream(source);
				OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
			in.transferTo(out);
		}
		Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		Files.delete(source);
	}

	/** Deletes the oldest of {@code oldestFirst} until the rest total at most {@code cap} bytes. */
	static void capTotalSize(List<Path> oldestFirst, long cap) throws IOException {
		if (cap <= 0) {
			return;
		}
		List<Long> sizes = new ArrayList<>();
		long total = 0;
		for (Path p : oldestFirst) {
			long s = Files.exists(p) ? Files.size(p) : 0;
			sizes.add(s);
			total += s;
		}
		for (int i = 0; i < oldestFirst.size() && total > cap; i++) {
			Files.deleteIfExists(oldestFirst.get(i));
			total -= sizes.get(i);
		}
	}
}
