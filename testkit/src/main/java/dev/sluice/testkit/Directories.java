package dev.sluice.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test and benchmark directories. */
public final class Directories {

	private Directories() {
	}

	/**
	 * Deletes {@code root} and everything under it; nothing when it is null or does not exist.
	 *
	 * @throws UncheckedIOException when a file cannot be deleted
	 */
	public static void deleteTree(Path root) {
		if (root == null || !Files.exists(root)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(root)) {
			for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
				Files.deleteIfExists(p);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot delete " + root, e);
		}
	}
}
