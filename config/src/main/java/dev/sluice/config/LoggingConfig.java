package dev.sluice.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A whole dictConfig file, validated: every name it refers to is defined, every level parses,
 * every formatter compiles, every filter's pattern compiles and every handler's class has a sink
 * provider that accepted its options. Immutable; maps keep the file's order.
 *
 * <p>Turn it into a {@link dev.sluice.pipeline.RoutingPlan} with
 * {@link SluiceConfig#plan(LoggingConfig, dev.sluice.pipeline.sink.SinkEnvironment)}.
 *
 * @param source                 the file it was read from (as shown in problems)
 * @param contentHash            SHA-256 of the file's bytes, hex: equal content, equal hash
 * @param incremental            Python's {@code incremental}: only loggers' levels and propagate change
 * @param disableExistingLoggers Python's {@code disable_existing_loggers} (default true)
 * @param root                   the {@code root} entry; null when the file has none
 * @param handlerLevels          in an incremental config, the handlers' new levels (Python changes
 *                               only those of a running handler); empty otherwise
 * @param sluice                 the file's {@code sluice} section (pipeline settings), or
 *                               {@link SluiceSection#NONE}
 */
public record LoggingConfig(String source, String contentHash, int version, boolean incremental,
		boolean disableExistingLoggers, Map<String, FormatterDef> formatters, Map<String, FilterDef> filters,
		Map<String, HandlerDef> handlers, Map<String, LoggerDef> loggers, LoggerDef root,
		Map<String, dev.sluice.pipeline.Level> handlerLevels, SluiceSection sluice) {

	/** A config without a {@code sluice} section. */
	public LoggingConfig(String source, String contentHash, int version, boolean incremental,
			boolean disableExistingLoggers, Map<String, FormatterDef> formatters, Map<String, FilterDef> filters,
			Map<String, HandlerDef> handlers, Map<String, LoggerDef> loggers, LoggerDef root,
			Map<String, dev.sluice.pipeline.Level> handlerLevels) {
		this(source, contentHash, version, incremental, disableExistingLoggers, formatters, filters, handlers, loggers,
				root, handlerLevels, SluiceSection.NONE);
	}

	public LoggingConfig {
		sluice = sluice == null ? SluiceSection.NONE : sluice;
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(contentHash, "contentHash");
		formatters = copy(formatters);
		filters = copy(filters);
		handlers = copy(handlers);
		loggers = copy(loggers);
		handlerLevels = copy(handlerLevels);
	}

	private static <V> Map<String, V> copy(Map<String, V> m) {
		return Collections.unmodifiableMap(new LinkedHashMap<>(m));
	}

	@Override
	public String toString() {
		return "LoggingConfig{" + source + ", handlers=" + handlers.values() + ", loggers=" + loggers.keySet()
				+ (root != null ? ", root=" + root : "") + (incremental ? ", incremental" : "") + '}';
	}
}
