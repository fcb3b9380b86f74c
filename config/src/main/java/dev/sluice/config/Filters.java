package dev.sluice.config;

import java.util.regex.Pattern;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.RecordFilter;

/** Makes the {@link RecordFilter} of a {@link FilterDef}; the filters are immutable and thread-safe. */
final class Filters {

	private Filters() {
	}

	static RecordFilter of(FilterDef def) {
		return new DefinedFilter(def);
	}

	/** Python's {@code logging.Filter(name).filter}: the logger is {@code name} or one of its descendants. */
	static boolean nameMatches(String prefix, String logger) {
		if (prefix == null || prefix.isEmpty()) {
			return true;
		}
		return logger.equals(prefix) || (logger.startsWith(prefix) && logger.charAt(prefix.length()) == '.');
	}

	private static final class DefinedFilter implements RecordFilter {

		private final FilterDef def;
		private final Pattern logger;
		private final Pattern message;

		DefinedFilter(FilterDef def) {
			this.def = def;
			this.logger = def.loggerRegex() != null ? Pattern.compile(def.loggerRegex()) : null;
			this.message = def.messageRegex() != null ? Pattern.compile(def.messageRegex()) : null;
		}

		@Override
		public boolean test(LogRecord r) {
			boolean pass = nameMatches(def.name(), r.loggerName())
					&& (def.minLevel() == null || r.level().isAtLeast(def.minLevel()))
					&& (def.maxLevel() == null || def.maxLevel().isAtLeast(r.level()))
					&& (logger == null || logger.matcher(r.loggerName()).find())
					&& (message == null || message.matcher(r.message()).find());
			return pass != def.invert();
		}

		@Override
		public String toString() {
			return def.toString();
		}
	}
}
