package dev.sluice.config;

import dev.sluice.pipeline.format.PythonFormatter;
import dev.sluice.pipeline.sink.Layout;

/**
 * The one place where a formatter definition becomes a {@link Layout}: Python's
 * {@code logging.Formatter} semantics through {@link PythonFormatter}.
 */
final class Formatters {

	private Formatters() {
	}

	/**
	 * The layout of {@code def}; immutable and thread-safe.
	 *
	 * @throws IllegalArgumentException naming the problem when CPython would reject the format
	 */
	static Layout layout(FormatterDef def) {
		return PythonFormatter.builder()
				.format(def.format())
				.datefmt(def.datefmt())
				.style(def.style())
				.validate(def.validate())
				.utc(def.utc())
				.defaults(def.defaults())
				.build();
	}
}
