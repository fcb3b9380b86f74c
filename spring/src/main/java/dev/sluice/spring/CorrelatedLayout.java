package dev.sluice.spring;

import dev.sluice.context.StandardKeys;
import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layout;

/**
 * Boot's default console and file line, with the unit of work's OperationId in brackets before the
 * logger name when the record has one (where Boot prints a trace id), and without the brackets when
 * it has none. Immutable and thread-safe.
 */
final class CorrelatedLayout implements Layout {

	/** {@link DefaultPlan#FORMAT} with the OperationId before the logger name. */
	static final String FORMAT = DefaultPlan.FORMAT.replace("] %(name)", "] [%(OperationId)s] %(name)");

	private final PythonFormatter plain;
	private final PythonFormatter correlated;

	CorrelatedLayout(PythonFormatter plain, String datefmt) {
		this(plain, PythonFormatter.builder().format(FORMAT).datefmt(datefmt).build());
	}

	CorrelatedLayout(PythonFormatter plain, PythonFormatter correlated) {
		this.plain = plain;
		this.correlated = correlated;
	}

	@Override
	public void format(LogRecord record, StringBuilder out) {
		Object op = record.attributes().get(StandardKeys.OPERATION_ID);
		(op != null && !op.toString().isEmpty() ? correlated : plain).format(record, out);
	}

	@Override
	public boolean needsLocation() {
		return plain.needsLocation() || correlated.needsLocation();
	}

	@Override
	public Layout withEscapeControlChars(boolean escape) {
		return new CorrelatedLayout(plain.withEscapeControlChars(escape), correlated.withEscapeControlChars(escape));
	}
}
