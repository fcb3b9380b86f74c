package dev.sluice.sinks.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation details that CPython does not have (compression, the size cap) and the exact size boundary. */
class RotationTest {

	@TempDir
	Path dir;

	@Test
	void sizeRolloverAtTheExactBoundary() throws Exception {
		FileSinks s = new FileSinks(new MutableClock(0, ZoneId.of("UTC")), dir);
		// each line is "xxxx\n": 5 characters and 5 bytes
		FileSink sink = s.create("rotating_file", Map.of("filename", "app.log", "maxBytes", 15, "backupCount", 2));
		sink.write(FileSinks.batch("aaaa", "bbbb")).block(); // 10 bytes: 10 + 5 >= 15 rolls before the next
		assertThat(FileSinks.files(dir)).isEqualTo(Map.of("app.log", "aaaa\nbbbb\n"));
		sink.write(FileSinks.batch("cccc")).block();
		assertThat(FileSinks.files(dir)).isEqualTo(Map.of("app.log", "cccc\n", "app.log.1", "aaaa\nbbbb\n"));
		sink.write(FileSinks.batch("ddd")).block(); // 5 + 4 = 9 < 15: stays
		sink.write(FileSinks.batch("e")).block(); // 9 + 2 = 11 < 15
		sink.write(FileSinks.batch("fff")).block(); // 11 + 4 = 15 >= 15: rolls
		assertThat(FileSinks.files(dir)).isEqualTo(
				Map.of("app.log", "fff\n", "app.log.1", "cccc\nddd\ne\n", "app.log.2", "aaaa\nbbbb\n"));
		// one batch across three rollovers (4 + 11, 11 + 13, 13 + 2 all reach 15), oldest pruned at backupCount 2
		sink.write(FileSinks.batch("gggggggggg", "hhhhhhhhhhhh", "i")).block();
		sink.close().block();
		assertThat(FileSinks.files(dir)).isEqualTo(
				Map.of("app.log", "i\n", "app.log.1", "hhhhhhhhhhhh\n", "app.log.2", "gggggggggg\n"));
	}

	@Test
	void compressedSizeBackupsKeepTheirNumbersAndContents() throws Exception {
		FileSinks s = new FileSinks(new MutableClock(0, ZoneId.of("UTC")), dir);
		FileSink sink = s.create("logging.handlers.RotatingFileHandler",
				Map.of("filename", "app.log", "maxBytes", 13, "backupCount", 3, "compress", true));
		for (String m : new String[] {"one..", "two..", "three", "four.", "five.", "six..", "seven", "eight", "nine."}) {
			sink.write(FileSinks.batch(m)).block();
		}
		sink.close().block();
		assertThat(FileSinks.files(dir)).isEqualTo(Map.of("app.log", "nine.\n", "app.log.1.gz", "seven\neight\n",
				"app.log.2.gz", "five.\nsix..\n", "app.log.3.gz", "three\nfour.\n"));
		assertThat(s.status()).isEmpty();
	}

	@Test
	void compressedTimedBackupsArePrunedByCPythonsPattern() throws Exception {
		MutableClock clock = new MutableClock(Instant.parse("2020-07-29T10:00:00Z").toEpochMilli(), ZoneId.of("Europe/Berlin"));
		FileSinks s = new FileSinks(clock, dir);
		FileSink sink = s.create("timed_rotating_file",
				Map.of("filename", "info.log", "when", "midnight", "backupCount", 2, "compress", true));
		for (int day = 0; day < 5; day++) {
			sink.write(FileSinks.batch("day " + day)).block();
			clock.advanceSeconds(86400);
		}
		sink.close().block();
		assertThat(FileSinks.files(dir)).isEqualTo(Map.of("info.log", "day 4\n", "info.log.2020-08-01.gz", "day 3\n",
				"info.log.2020-07-31.gz", "day 2\n"));
	}

	@Test
	void totalSizeCapDeletesTheOldestBackups() throws Exception {
		MutableClock clock = new MutableClock(Instant.parse("2020-07-29T10:00:00Z").toEpochMilli(), ZoneId.of("UTC"));
		FileSinks s = new FileSinks(clock, dir);
		FileSink sink = s.create("timed_rotating_file",
				Map.of("filename", "info.log", "when", "H", "totalSizeCap", "25B"));
		for (int h = 0; h < 6; h++) {
			sink.write(FileSinks.batch("hour " + h + " 12345")).block(); // 13 bytes a file
			clock.advanceSeconds(3600);
		}
		sink.close().block();
		// backups of 13 bytes each: only one fits under 25 bytes
		assertThat(FileSinks.files(dir)).isEqualTo(Map.of("info.log", "hour 5 12345\n",
				"info.log.2020-07-29_14", "hour 4 12345\n"));

		Path sized = Files.createDirectory(dir.resolve("sized"));
		FileSinks s2 = new FileSinks(clock, sized);
		FileSink rotating = s2.create("rotating_file", Map.of("filename", "app.log", "maxBytes", 10,
				"backupCount", 5, "totalSizeCap", 16, "compress", false));
		for (String m : new String[] {"aaaaaaa", "bbbbbbb", "ccccccc", "ddddddd"}) {
			rotating.write(FileSinks.batch(m)).block();
		}
		rotating.close().block();
		assertThat(FileSinks.files(sized)).isEqualTo(Map.of("app.log", "ddddddd\n", "app.log.1", "ccccccc\n",
				"app.log.2", "bbbbbbb\n"));
	}

	@Test
	void aRestartContinuesTheIntervalOfTheExistingFile() throws Exception {
		Path base = dir.resolve("info.log");
		Files.writeString(base, "yesterday\n");
		Instant mtime = Instant.parse("2020-07-28T15:00:00Z");
		Files.setLastModifiedTime(base, java.nio.file.attribute.FileTime.from(mtime));
		MutableClock clock = new MutableClock(Instant.parse("2020-07-29T09:00:00Z").toEpochMilli(), ZoneId.of("UTC"));
		FileSinks s = new FileSinks(clock, dir);
		FileSink sink = s.create("logging.handlers.TimedRotatingFileHandler", Map.of("filename", "info.log",
				"when", "midnight", "utc", true));
		sink.write(FileSinks.batch("today")).block();
		sink.close().block();
		assertThat(FileSinks.files(dir)).isEqualTo(Map.of("info.log", "today\n", "info.log.2020-07-28", "yesterday\n"));
		assertThat(((TimedRollover) sink.rollover()).rolloverAt())
				.isEqualTo(Instant.parse("2020-07-30T00:00:00Z").getEpochSecond());
	}
}
