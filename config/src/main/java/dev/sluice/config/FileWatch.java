package dev.sluice.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Signals when something happens to one file, through the platform's {@link WatchService} on the
 * file's directory. The blocking {@code take()} runs on a dedicated daemon thread
 * ({@code sluice-config-watch}), never on a Reactor thread; cancelling closes the service and ends
 * the thread. A signal only says "look again": the reader decides whether the content changed.
 */
final class FileWatch {

	private FileWatch() {
	}

	/** Signals (the file name) for each create, modify, delete or overflow event that may concern {@code file}. */
	static Flux<Path> changes(Path file) {
		Path absolute = file.toAbsolutePath();
		Path dir = absolute.getParent();
		Path name = absolute.getFileName();
		return Flux.create(sink -> start(dir, name, sink));
	}

	private static void start(Path dir, Path name, FluxSink<Path> sink) {
		WatchService ws;
		try {
			ws = FileSystems.getDefault().newWatchService();
			dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
					StandardWatchEventKinds.ENTRY_DELETE);
		}
		catch (IOException | RuntimeException e) {
			// no watch (no such directory, no inotify): the poll still finds changes
			sink.complete();
			return;
		}
		Thread t = new Thread(() -> loop(ws, name, sink), "sluice-config-watch");
		t.setDaemon(true);
		sink.onDispose(() -> {
			try {
				ws.close();
			}
			catch (IOException ignored) {
				// closing is best effort; the thread ends on ClosedWatchServiceException either way
			}
		});
		t.start();
		// a change between the caller's first read and this registration has no event: look once more
		sink.next(name);
	}

	private static void loop(WatchService ws, Path name, FluxSink<Path> sink) {
		try {
			while (!sink.isCancelled()) {
				WatchKey key = ws.take();
				for (WatchEvent<?> e : key.pollEvents()) {
					Object context = e.context();
					if (e.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(context)) {
						sink.next(name);
					}
				}
				if (!key.reset()) {
					break;
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (ClosedWatchServiceException e) {
			// cancelled
		}
		sink.complete();
	}
}
