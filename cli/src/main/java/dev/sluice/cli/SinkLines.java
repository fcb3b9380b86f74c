package dev.sluice.cli;

import java.io.PrintStream;
import java.util.Map;

import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.SinkReport;

/** The per-sink lines of the commands' summaries, whose numbers add up to what each sink read. */
final class SinkLines {

	private SinkLines() {
	}

	/** One line per sink, as {@code ship} (from a file or from Kafka) prints them. */
	static void print(PrintStream err, ShutdownReport report) {
		for (Map.Entry<String, SinkReport> e : report.sinks().entrySet()) {
			SinkReport s = e.getValue();
			err.printf("  sink %s: read %,d  delivered %,d  dropped %,d%s%s%n", e.getKey(), s.received(), s.delivered(),
					s.dropped(), s.droppedByReason().isEmpty() ? "" : " " + s.droppedByReason(), rest(s));
		}
	}

	/**
	 * The end of a sink's line: the records its level or filters refused and those it handed to its
	 * fallback handler, each when there are any, so that read = delivered + dropped + these.
	 */
	static String rest(SinkReport s) {
		return (s.filtered() == 0 ? "" : String.format("  filtered %,d", s.filtered()))
				+ (s.fallback() == 0 ? "" : String.format("  to fallback %,d", s.fallback()));
	}
}
