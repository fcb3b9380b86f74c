package dev.sluice.sinks.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.SinkProvider;

class FileSinkTest {

	@TempDir
	Path dir;

	FileSinks sinks() {
		return new FileSinks(new MutableClock(1_596_000_011_491L, ZoneOffset.UTC), dir);
	}

	@Test
	void writesMultiLineMessagesAsCPythonDoesAndEscapesControlCharactersOnRequest() throws Exception {
		FileSinks s = sinks();
		FileSink sink = s.create("logging.FileHandler", Map.of("filename", "logs/info.log", "encoding", "utf8"));
		Batch b = FileSinks.batch("first", "forged\nERROR line", "ünïcödé 🎉");
		sink.write(b).block();
		sink.close().block();
		assertThat(Files.readString(dir.resolve("logs/info.log")))
				.isEqualTo("first\nforged\nERROR line\nünïcödé 🎉\n");
		assertThat(b.droppedCount()).isZero();
		FileSink escaping = s.create("logging.FileHandler", Map.of("filename", "logs/one-line.log",
				"escapeControlChars", true));
		escaping.write(FileSinks.batch("first", "forged\nERROR line")).block();
		escaping.close().block();
		assertThat(Files.readString(dir.resolve("logs/one-line.log"))).isEqualTo("first\nforged\\nERROR line\n");
	}

	@Tag("fault-injection")
	@Test
	void aWatchedFileHandlerReopensTheFileThatLogrotateMovedAway() throws Exception {
		FileSinks s = sinks();
		FileSink sink = s.create("logging.handlers.WatchedFileHandler", Map.of("filename", "w.log"));
		sink.write(FileSinks.batch("before")).block();
		Files.move(dir.resolve("w.log"), dir.resolve("w.log.1"));
		s.clock.advanceSeconds(1); // the path is looked at once a second
		sink.write(FileSinks.batch("after the move")).block();
		Files.delete(dir.resolve("w.log"));
		s.clock.advanceSeconds(1);
		sink.write(FileSinks.batch("after the delete")).block();
		sink.close().block();
		assertThat(Files.readString(dir.resolve("w.log.1"))).isEqualTo("before\n");
		assertThat(Files.readString(dir.resolve("w.log"))).isEqualTo("after the delete\n");
		assertThat(s.status()).isEmpty();
	}

	@Tag("fault-injection")
	@Test
	void aPlainFileHandlerWhoseFileWasDeletedSaysSoOnce() throws Exception {
		FileSinks s = sinks();
		FileSink sink = s.create("logging.FileHandler", Map.of("filename", "p.log"));
		sink.write(FileSinks.batch("before")).block();
		Files.delete(dir.resolve("p.log"));
		s.clock.advanceSeconds(1);
		sink.write(FileSinks.batch("into the deleted file")).block();
		s.clock.advanceSeconds(1);
		sink.write(FileSinks.batch("still")).block();
		sink.close().block();
		assertThat(Files.exists(dir.resolve("p.log"))).as("as CPython's FileHandler: no new file").isFalse();
		assertThat(s.status()).containsOnlyOnce("was moved or deleted while open").contains("WatchedFileHandler");
	}

	@Test
	void modeWTruncatesOnce() throws Exception {
		Files.writeString(dir.resolve("a.log"), "old\n");
		FileSinks s = sinks();
		FileSink sink = s.create("file", Map.of("filename", "a.log", "mode", "w", "escapeControlChars", false));
		sink.write(FileSinks.batch("a\nb")).block();
		sink.write(FileSinks.batch("c")).block();
		sink.close().block();
		assertThat(Files.readString(dir.resolve("a.log"))).isEqualTo("a\nb\nc\n");

		FileSink append = s.create("file", Map.of("filename", "a.log"));
		append.write(FileSinks.batch("d")).block();
		append.close().block();
		assertThat(Files.readString(dir.resolve("a.log"))).isEqualTo("a\nb\nc\nd\n");
	}

	@Test
	void encodingsAndTheirErrors() throws Exception {
		FileSinks s = sinks();
		FileSink strict = s.create("file", Map.of("filename", "l1.log", "encoding", "latin-1"));
		Batch b = FileSinks.batch("café", "日本", "end");
		strict.write(b).block();
		strict.close().block();
		assertThat(Files.readAllBytes(dir.resolve("l1.log"))).isEqualTo("café\nend\n".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(b.droppedByReason()).isEqualTo(Map.of("encoding_error", 1));

		FileSink replace = s.create("file", Map.of("filename", "ascii.log", "encoding", "ascii", "errors", "replace",
				"fsync", "batch"));
		replace.write(FileSinks.batch("café")).block();
		replace.close().block();
		assertThat(Files.readString(dir.resolve("ascii.log"))).isEqualTo("caf?\n");
	}

	@Tag("fault-injection")
	@Test
	void anUnwritablePathDropsTheBatchReportsOnceAndRecovers() throws Exception {
		FileSinks s = sinks();
		Path blocker = dir.resolve("logs");
		Files.writeString(blocker, "a file where the directory should be");
		FileSink sink = s.create("logging.handlers.RotatingFileHandler",
				Map.of("filename", "logs/app.log", "maxBytes", 1000, "backupCount", 2));
		Batch first = FileSinks.batch("a", "b", "c");
		sink.write(first).block();
		Batch second = FileSinks.batch("d");
		sink.write(second).block();
		assertThat(first.droppedByReason()).isEqualTo(Map.of("io_error", 3));
		assertThat(second.droppedByReason()).isEqualTo(Map.of("io_error", 1));
		String status = s.status();
		assertThat(status).contains(dir.resolve("logs/app.log").toString()).contains("3 record(s) dropped");
		assertThat(status.lines().filter(l -> l.contains("cannot write")).count()).isEqualTo(1);

		Files.delete(blocker);
		Batch third = FileSinks.batch("e");
		sink.write(third).block();
		sink.close().block();
		assertThat(third.droppedCount()).isZero();
		assertThat(Files.readString(dir.resolve("logs/app.log"))).isEqualTo("e\n");
		assertThat(s.status()).contains("works again");
	}

	@Tag("fault-injection")
	@Test
	void aFullDiskIsReportedOnceNamingTheFile() {
		Path full = Path.of("/dev/full");
		org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full on this system");
		FileSinks s = sinks();
		FileSink sink = s.create("file", Map.of("filename", "/dev/full"));
		Batch first = FileSinks.batch("a", "b");
		Batch second = FileSinks.batch("c");
		sink.write(first).block();
		sink.write(second).block();
		sink.close().block();
		assertThat(first.droppedByReason()).isEqualTo(Map.of("io_error", 2));
		assertThat(second.droppedByReason()).isEqualTo(Map.of("io_error", 1));
		assertThat(s.status()).contains("/dev/full").contains("No space left on device");
		assertThat(s.status().lines().count()).isEqualTo(1);
	}

	@Tag("fault-injection")
	@Test
	void aRecordTornByAFullDiskIsCutBackBeforeTheNextOne() throws Exception {
		FileSinks s = sinks();
		FileSink sink = s.create("file", Map.of("filename", "f.log"));
		FullDiskChannel.Disk disk = new FullDiskChannel.Disk(12);
		sink.openWith(disk.opener());
		Batch fits = FileSinks.batch("aaaa", "bbbb");
		Batch torn = FileSinks.batch("cccccccc", "dddd");
		sink.write(fits).block();
		sink.write(torn).block(); // "cc" reaches the disk, then it is full
		assertThat(Files.readString(dir.resolve("f.log"))).isEqualTo("aaaa\nbbbb\ncc");
		disk.free(1_000);
		Batch after = FileSinks.batch("eeee");
		sink.write(after).block();
		sink.close().block();
		assertThat(Files.readString(dir.resolve("f.log"))).isEqualTo("aaaa\nbbbb\neeee\n");
		// sent = delivered + counted
		assertThat(fits.droppedCount() + torn.droppedCount() + after.droppedCount()).isEqualTo(2);
		assertThat(torn.droppedByReason()).isEqualTo(Map.of("io_error", 2));
		assertThat(s.status()).contains("f.log").contains("No space left on device");
	}

	@Test
	void aLayoutThatThrowsLosesOnlyThatRecord() throws Exception {
		FileSinks s = sinks();
		FileSink sink = s.create("file", Map.of("filename", "f.log"), (r, out) -> {
			if (r.message().equals("bad")) {
				throw new IllegalStateException("layout bug");
			}
			out.append(r.message());
		});
		Batch b = FileSinks.batch("a", "bad", "c");
		sink.write(b).block();
		sink.close().block();
		assertThat(b.droppedByReason()).isEqualTo(Map.of("format_error", 1));
		assertThat(Files.readString(dir.resolve("f.log"))).isEqualTo("a\nc\n");
		assertThat(s.status()).contains("layout bug");
	}

	@Test
	void aDirectoryInThePlaceOfTheFileIsAnIoError() throws Exception {
		FileSinks s = sinks();
		Files.createDirectories(dir.resolve("x.log"));
		FileSink sink = s.create("file", Map.of("filename", "x.log"));
		Batch b = FileSinks.batch("a", "b");
		sink.write(b).block();
		assertThat(b.droppedByReason()).isEqualTo(Map.of("io_error", 2));
		assertThat(s.status()).contains("x.log");
	}

	@Test
	void badOptionsAreAllListedWithTheirPointers() {
		FileSinks s = sinks();
		assertThatThrownBy(() -> s.create("logging.handlers.TimedRotatingFileHandler",
				Map.of("filename", "t.log", "when", "fortnight", "interval", 0, "mode", "a", "backupCont", 3,
						"atTime", "25:99", "encoding", "klingon", "totalSizeCap", "lots")))
				.isInstanceOf(InvalidConfigException.class)
				.hasMessageContaining("/handlers/h/when: Invalid rollover interval specified: fortnight")
				.hasMessageContaining("/handlers/h/interval")
				.hasMessageContaining("/handlers/h/mode: unknown option 'mode'")
				.hasMessageContaining("did you mean 'backupCount'")
				.hasMessageContaining("/handlers/h/atTime")
				.hasMessageContaining("/handlers/h/encoding: unknown encoding 'klingon'")
				.hasMessageContaining("/handlers/h/totalSizeCap");
		assertThatThrownBy(() -> s.create("file", Map.of("mode", "rb")))
				.isInstanceOf(InvalidConfigException.class)
				.hasMessageContaining("/handlers/h/filename")
				.hasMessageContaining("binary modes");
		assertThatThrownBy(() -> s.create("logging.handlers.TimedRotatingFileHandler",
				Map.of("filename", "t.log", "when", "W7")))
				.hasMessageContaining("Invalid day specified for weekly rollover: W7");
	}

	@Test
	void theProviderIsFoundByItsPythonAndShortNames() {
		Set<String> names = new HashSet<>();
		for (SinkProvider p : ServiceLoader.load(SinkProvider.class)) {
			if (p instanceof FileSinkProvider) {
				names.addAll(p.classNames());
			}
		}
		assertThat(names).contains("logging.FileHandler", "file", "logging.handlers.RotatingFileHandler",
				"rotating_file", "logging.handlers.TimedRotatingFileHandler", "timed_rotating_file");
	}
}
