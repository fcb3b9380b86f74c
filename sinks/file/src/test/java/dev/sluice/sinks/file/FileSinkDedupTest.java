package dev.sluice.sinks.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.DropReasons;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.options.InvalidConfigException;

/** Records redelivered with the same {@code sluice.id} are written once within the window. */
class FileSinkDedupTest {

	@TempDir
	Path dir;

	FileSinks sinks() {
		return new FileSinks(new MutableClock(1_596_000_011_491L, ZoneOffset.UTC), dir);
	}

	/** "id:message" makes a record with that id; a plain message one without. */
	static Batch batch(String... specs) {
		List<LogRecord> rs = new ArrayList<>();
		for (String s : specs) {
			int colon = s.indexOf(':');
			LogRecord.Builder b = LogRecord.builder(Level.INFO, "app", colon < 0 ? s : s.substring(colon + 1))
					.epochNanos(0).thread("main", 1);
			if (colon >= 0) {
				b.attributes(Attributes.of(LogRecord.RECORD_ID, s.substring(0, colon)));
			}
			rs.add(b.build());
		}
		return new Batch(rs);
	}

	@ParameterizedTest
	@ValueSource(strings = {"logging.FileHandler", "logging.handlers.RotatingFileHandler",
			"logging.handlers.TimedRotatingFileHandler"})
	void aRedeliveredIdIsSkippedAndCountedInEveryFileSink(String className) throws Exception {
		FileSink sink = sinks().create(className, Map.of("filename", "d.log"));
		Batch first = batch("1:one", "2:two", "2:two again in the same batch", "plain", "plain");
		Batch second = batch("3:three", "1:one redelivered", "plain", "2:two redelivered", "4:four");
		sink.write(first).block();
		sink.write(second).block();
		sink.close().block();
		assertThat(Files.readString(dir.resolve("d.log"))).isEqualTo("one\ntwo\nplain\nplain\nthree\nplain\nfour\n");
		assertThat(first.droppedByReason()).isEqualTo(Map.of(DropReasons.DUPLICATE, 1));
		assertThat(second.droppedByReason()).isEqualTo(Map.of(DropReasons.DUPLICATE, 2));
	}

	@Test
	void theWindowIsBoundedAndForgetsTheOldestIds() throws Exception {
		FileSink sink = sinks().create("file", Map.of("filename", "w.log", "dedup_window", 3));
		sink.write(batch("a:1", "b:2", "c:3")).block();
		Batch b = batch("b:2 again");
		sink.write(b).block();
		sink.write(batch("d:4")).block(); // the 4th id: a is forgotten
		Batch last = batch("a:1 again", "c:3 again");
		sink.write(last).block();
		sink.close().block();
		assertThat(Files.readString(dir.resolve("w.log"))).isEqualTo("1\n2\n3\n4\n1 again\n");
		assertThat(b.droppedByReason()).isEqualTo(Map.of(DropReasons.DUPLICATE, 1));
		assertThat(last.droppedByReason()).isEqualTo(Map.of(DropReasons.DUPLICATE, 1));
	}

	@Test
	void aWindowOfZeroWritesEveryCopy() throws Exception {
		FileSink sink = sinks().create("file", Map.of("filename", "z.log", "dedup_window", 0));
		Batch b = batch("a:1", "a:1");
		sink.write(b).block();
		sink.close().block();
		assertThat(Files.readString(dir.resolve("z.log"))).isEqualTo("1\n1\n");
		assertThat(b.droppedCount()).isZero();
	}

	@Test
	void idsOfABatchThatFailedAreNotRememberedSoTheirRedeliveryIsWritten() throws Exception {
		FileSinks s = sinks();
		Path blocker = dir.resolve("logs");
		Files.writeString(blocker, "a file where the directory should be");
		FileSink sink = s.create("file", Map.of("filename", "logs/r.log"));
		Batch failed = batch("a:1", "b:2");
		sink.write(failed).block();
		assertThat(failed.droppedByReason()).isEqualTo(Map.of("io_error", 2));
		Files.delete(blocker);
		Batch redelivered = batch("a:1", "b:2", "a:1");
		sink.write(redelivered).block();
		sink.close().block();
		assertThat(Files.readString(dir.resolve("logs/r.log"))).isEqualTo("1\n2\n");
		assertThat(redelivered.droppedByReason()).isEqualTo(Map.of(DropReasons.DUPLICATE, 1));
	}

	@Test
	void aDuplicateAcrossARolloverIsStillSkipped() throws Exception {
		FileSink sink = sinks().create("rotating_file", Map.of("filename", "r.log", "maxBytes", 8, "backupCount", 3));
		sink.write(batch("a:first", "b:second")).block();
		Batch again = batch("a:first", "c:third");
		sink.write(again).block();
		sink.close().block();
		assertThat(again.droppedByReason()).isEqualTo(Map.of(DropReasons.DUPLICATE, 1));
		String all = String.join("", FileSinks.files(dir).values());
		assertThat(all.lines()).containsExactlyInAnyOrder("first", "second", "third");
	}

	@Test
	void aBadWindowIsRejectedNamingTheOption() {
		assertThatThrownBy(() -> sinks().create("file", Map.of("filename", "x.log", "dedup_window", -1)))
				.isInstanceOf(InvalidConfigException.class)
				.hasMessageContaining("/handlers/h/dedup_window: expected 0 (no de-duplication) to 10000000 record ids, found -1");
	}
}
