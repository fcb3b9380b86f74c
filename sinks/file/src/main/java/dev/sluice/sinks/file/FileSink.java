package dev.sluice.sinks.file;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.sluice.pipeline.DropReasons;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.support.RecentIds;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.pipeline.sink.support.TextEncoder;
import reactor.core.publisher.Mono;

/**
 * Writes records to a file, one line each (the layout's text and {@code "\n"}), as Python's
 * {@code FileHandler}, {@code RotatingFileHandler} and {@code TimedRotatingFileHandler} do, with
 * the {@link Rollover} deciding when a record goes to a new file.
 *
 * <p><b>Threading.</b> {@link #write} runs on the sink's runner thread, which is not a Reactor
 * thread, and does its file I/O there, blocking; the runner never calls it concurrently. Work on
 * rotated files (gzip, pruning, the size cap) runs on the sink's housekeeper thread.
 *
 * <p><b>Batching.</b> A batch is encoded into one buffer and written with one call, and the file
 * is flushed (forced to disk with {@code fsync: batch}) once, at the end of the batch; a batch
 * that crosses a rollover is written in one call per file.
 *
 * <p><b>Errors.</b> When the file cannot be opened or written (a full disk, a directory that is
 * not writable), the records of the batch not yet settled are counted as dropped with reason
 * {@code io_error} (a write that failed half-way may leave a partial line), the error is reported
 * once on the status logger naming the file, and the next
 * batch tries again: the sink recovers by itself when writing works again, and says so. A record
 * that the encoding cannot represent, with {@code errors: strict}, is dropped as
 * {@code encoding_error}, one whose layout throws as {@code format_error}. A failed rollover is reported once and writing goes on in the current file.
 *
 * <p><b>De-duplication.</b> A record whose {@link LogRecord#RECORD_ID} attribute equals that of
 * one of the last {@code dedup_window} records written is skipped and counted as dropped with
 * reason {@code duplicate} (at-least-once redelivery, as {@code sluice ship --from kafka} does
 * after a shipper dies). An id is remembered only once its record is written: a batch that fails
 * with {@code io_error} leaves its ids unremembered, so their redelivery is written, not skipped.
 * Records without an id are never skipped.
 */
final class FileSink implements Sink {

	private final FileSinkConfig config;
	private final Layout layout;
	private final Clock clock;
	private final StatusLogger status;
	private final Rollover rollover;
	private final Housekeeper housekeeper;
	private final LogFile file;
	private final long createdSeconds;
	/** Encodes each line into the batch's pending bytes (reused buffers: no allocation per record). */
	private final TextEncoder text;
	private final StringBuilder line = new StringBuilder(256);
	private boolean started;
	private boolean failing;
	private final RecentIds recent;
	/** Ids of this batch's records encoded so far; remembered in {@link #recent} once written. */
	private final List<String> batchIds = new ArrayList<>();
	private final Set<String> batchIdSet = new HashSet<>();

	/** Tests: how the file is opened (a channel that fails like a full disk). */
	void openWith(LogFile.Opener opener) {
		file.opener = opener;
	}

	FileSink(FileSinkConfig config, Layout layout, Clock clock, StatusLogger status, Rollover rollover,
			Housekeeper housekeeper) {
		this.config = config;
		this.layout = layout;
		this.clock = clock;
		this.status = status;
		this.rollover = rollover;
		this.housekeeper = housekeeper;
		this.file = new LogFile(config.path(), config.truncate());
		this.recent = new RecentIds(config.dedupWindow());
		this.createdSeconds = Math.floorDiv(clock.millis(), 1000L);
		this.text = TextEncoder.python(config.charset(), config.errors());
	}

	@Override
	public Mono<Void> write(Batch batch) {
		List<LogRecord> records = batch.records();
		int settled = 0;
		int pendingRecords = 0;
		batchIds.clear(); // the encoder is cleared after each batch, in the finally below
		batchIdSet.clear();
		try {
			if (!started) {
				rollover.start(file, createdSeconds);
				started = true;
			}
			checkPath();
			file.ensureOpen();
			for (int i = 0; i < records.size(); i++) {
				LogRecord record = records.get(i);
				String id = recent.capacity() == 0 ? null : idOf(record);
				if (id != null && (recent.contains(id) || batchIdSet.contains(id))) {
					batch.dropped(1, DropReasons.DUPLICATE);
					settled++;
					continue;
				}
				line.setLength(0);
				try {
					layout.format(record, line);
				}
				catch (RuntimeException e) {
					// a layout bug loses this record only, counted and reported, not the batch
					batch.dropped(1, "format_error");
					settled++;
					status.once("file-format:" + config.path(), config.handlerName(),
							"cannot format a record for " + config.path() + "; it is dropped", e);
					continue;
				}
				line.append(config.terminator());
				long now = Math.floorDiv(clock.millis(), 1000L);
				if (rollover.shouldRollover(file.position() + text.pending(), file.isRegular(), now,
						line.codePointCount(0, line.length()))) {
					flushPending();
					settled += pendingRecords;
					pendingRecords = 0;
					rollOver(now);
					file.ensureOpen();
				}
				if (text.append(line)) {
					pendingRecords++;
					if (id != null) {
						batchIds.add(id);
						batchIdSet.add(id);
					}
				}
				else {
					batch.dropped(1, "encoding_error");
					settled++;
				}
			}
			flushPending();
			if (config.fsync()) {
				file.force();
			}
			settled += pendingRecords;
			for (int i = 0; i < batchIds.size(); i++) {
				recent.add(batchIds.get(i));
			}
			recovered();
		}
		catch (IOException | RuntimeException e) {
			file.close();
			batch.dropped(records.size() - settled, "io_error");
			failing = true;
			status.once(key(), config.handlerName(), "cannot write to " + config.path() + "; "
					+ (records.size() - settled) + " record(s) dropped, retrying with the next batch", e);
		}
		finally {
			text.clear();
			text.trim();
		}
		return Mono.empty();
	}

	/**
	 * WatchedFileHandler: reopens the path when the file there is another one (moved away, deleted,
	 * replaced by logrotate), as CPython's does before each record. Other file handlers keep
	 * writing to the file they opened, as CPython's do, and say so once.
	 */
	private void checkPath() {
		long now = clock.millis();
		if (!file.isOpen() || now - lastPathCheck < PATH_CHECK_MILLIS && now >= lastPathCheck) {
			return;
		}
		lastPathCheck = now;
		if (file.stillAtPath()) {
			return;
		}
		if (config.watched()) {
			file.close();
			status.forget("file-gone:" + config.path());
			return;
		}
		status.once("file-gone:" + config.path(), config.handlerName(), config.path() + " was moved or deleted while"
				+ " open: records go on into the file it was (as Python's FileHandler does), not to a new file at the"
				+ " path; use logging.handlers.WatchedFileHandler to reopen it", null);
	}

	/** How often the path is looked at (a stat): CPython looks before each record; once a second costs less. */
	private static final long PATH_CHECK_MILLIS = 1_000L;
	private long lastPathCheck = Long.MIN_VALUE / 2;

	/** The record's id, or null when it has none (never de-duplicated). */
	private static String idOf(LogRecord record) {
		Object id = record.attributes().get(LogRecord.RECORD_ID);
		return id == null ? null : id.toString();
	}

	private String key() {
		return "file-write:" + config.path();
	}

	private void recovered() {
		if (failing) {
			failing = false;
			status.forget(key());
			status.warn(config.handlerName(), "writing to " + config.path() + " works again");
		}
	}

	private void rollOver(long now) {
		file.close();
		try {
			rollover.rollover(file, now);
			status.forget("file-rollover:" + config.path());
		}
		catch (IOException | RuntimeException e) {
			status.once("file-rollover:" + config.path(), config.handlerName(),
					"cannot roll over " + config.path() + "; writing on in the current file", e);
		}
	}

	private void flushPending() throws IOException {
		if (text.pending() == 0) {
			return;
		}
		try {
			file.write(text.flip());
		}
		finally {
			text.clear();
		}
	}

	/** With {@code fsync}, forces the written bytes to the device; a failure is reported once, not thrown. */
	private void forceIfAsked() {
		try {
			if (config.fsync()) {
				file.force();
			}
		}
		catch (IOException e) {
			status.once(key(), config.handlerName(), "cannot flush " + config.path(), e);
		}
	}

	/** The file: handlers writing to one file write in CPython's order, one after another. */
	@Override
	public Object sharedOutput() {
		return config.path().toAbsolutePath().normalize();
	}

	@Override
	public Mono<Void> flush() {
		return Mono.fromRunnable(this::forceIfAsked);
	}

	@Override
	public Mono<Void> close() {
		return Mono.fromRunnable(() -> {
			forceIfAsked();
			file.close();
			if (housekeeper != null) {
				housekeeper.shutdown();
			}
		});
	}

	/** Waits for queued compression and pruning (tests). */
	void awaitHousekeeping() {
		if (housekeeper != null) {
			housekeeper.awaitIdle();
		}
	}

	Rollover rollover() {
		return rollover;
	}

	@Override
	public String toString() {
		return "FileSink{" + config.handlerName() + " -> " + config.path() + "}";
	}
}
