package dev.sluice.slf4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LoggingEventAware;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.Logger;

/**
 * An SLF4J logger over a Sluice {@link Logger}. Level checks are the Sluice logger's (one
 * volatile read). A record's attributes are the current chain's (context-propagation), then the
 * thread's MDC entries, then the call's markers ({@code marker}) and key-value pairs (fluent API);
 * later ones win. Thread-safe, non-blocking.
 */
final class SluiceSlf4jLogger extends LegacyAbstractLogger implements LoggingEventAware {

	private static final long serialVersionUID = 1L;

	/** The attribute that carries an SLF4J marker's name (a list of names for several markers). */
	static final String MARKER_ATTRIBUTE = "marker";

	private final transient Logger logger;

	SluiceSlf4jLogger(Logger logger) {
		this.logger = logger;
		this.name = logger.name();
	}

	static Level level(org.slf4j.event.Level level) {
		switch (level) {
			case TRACE:
				return Level.TRACE;
			case DEBUG:
				return Level.DEBUG;
			case INFO:
				return Level.INFO;
			case WARN:
				return Level.WARNING;
			case ERROR:
			default:
				return Level.ERROR;
		}
	}

	@Override
	public boolean isTraceEnabled() {
		return logger.isTraceEnabled();
	}

	@Override
	public boolean isDebugEnabled() {
		return logger.isDebugEnabled();
	}

	@Override
	public boolean isInfoEnabled() {
		return logger.isInfoEnabled();
	}

	@Override
	public boolean isWarnEnabled() {
		return logger.isWarnEnabled();
	}

	@Override
	public boolean isErrorEnabled() {
		return logger.isErrorEnabled();
	}

	@Override
	protected String getFullyQualifiedCallerName() {
		return SluiceSlf4jLogger.class.getName();
	}

	@Override
	protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker, String pattern,
			Object[] arguments, Throwable throwable) {
		emit(level(level), pattern, arguments, throwable, marker == null ? null : List.of(marker), null);
	}

	@Override
	public void log(LoggingEvent event) {
		Level level = level(event.getLevel());
		if (logger.isEnabled(level)) {
			emit(level, event.getMessage(), event.getArgumentArray(), event.getThrowable(), event.getMarkers(),
					event.getKeyValuePairs());
		}
	}

	private void emit(Level level, String pattern, Object[] args, Throwable thrown, List<Marker> markers,
			List<KeyValuePair> pairs) {
		Map<String, String> mdc = MDC.getMDCAdapter() instanceof SluiceMdcAdapter
				? ((SluiceMdcAdapter) MDC.getMDCAdapter()).ownEntries() : null;
		boolean noExtras = (mdc == null || mdc.isEmpty()) && (markers == null || markers.isEmpty())
				&& (pairs == null || pairs.isEmpty());
		if (noExtras && thrown == null) {
			logger.log(level, pattern, args == null ? new Object[0] : args);
			return;
		}
		Attributes extra = Attributes.empty();
		if (mdc != null) {
			for (Map.Entry<String, String> e : mdc.entrySet()) {
				extra = extra.with(e.getKey(), e.getValue());
			}
		}
		if (markers != null && !markers.isEmpty()) {
			if (markers.size() == 1) {
				extra = extra.with(MARKER_ATTRIBUTE, markers.get(0).getName());
			}
			else {
				List<String> names = new ArrayList<>(markers.size());
				markers.forEach(m -> names.add(m.getName()));
				extra = extra.with(MARKER_ATTRIBUTE, List.copyOf(names));
			}
		}
		if (pairs != null) {
			for (KeyValuePair kv : pairs) {
				extra = extra.with(kv.key, kv.value);
			}
		}
		logger.atLevel(level).attrs(extra).cause(thrown)
				.log(pattern, args == null ? new Object[0] : args);
	}
}
