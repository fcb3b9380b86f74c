package dev.sluice.pipeline.engine;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.RecordFilter;
import dev.sluice.pipeline.sink.StatusLogger;

/**
 * A handler's filters over a batch, on its runner's thread: the records every filter accepts go
 * on; the others are counted as filtered. A filter that throws rejects the record it fails on
 * (reported once per handler), never the batch.
 */
final class HandlerFilters {

	private HandlerFilters() {
	}

	/** {@return the records of {@code records} that pass {@code spec}'s filters ({@code records} itself when it has none)} */
	static List<LogRecord> apply(HandlerSpec spec, List<LogRecord> records, SinkStats stats, StatusLogger status,
			String source) {
		List<RecordFilter> filters = spec.filters();
		if (filters.isEmpty()) {
			return records;
		}
		List<LogRecord> out = new ArrayList<>(records.size());
		for (LogRecord r : records) {
			if (passes(filters, r, spec, status, source)) {
				out.add(r);
			}
			else {
				stats.filtered.increment();
			}
		}
		return out;
	}

	private static boolean passes(List<RecordFilter> filters, LogRecord r, HandlerSpec spec, StatusLogger status,
			String source) {
		for (RecordFilter f : filters) {
			try {
				if (!f.test(r)) {
					return false;
				}
			}
			catch (Throwable t) {
				status.once("filter:" + spec.name(), source, "a filter failed; it rejects the records it fails on", t);
				return false;
			}
		}
		return true;
	}
}
