package dev.sluice.layouts;

import dev.sluice.pipeline.LogRecord;

/** One compiled piece of a format: a literal or a field. Immutable and thread-safe. */
interface Part {

	/** Appends this piece of {@code r}'s text to {@code out}. */
	void append(LogRecord r, FormatContext ctx, StringBuilder out);

	/** The attribute this piece prints, or null for a literal. */
	default PyAttribute attribute() {
		return null;
	}

	/** A literal piece of text. */
	static Part literal(String text) {
		return new Part() {
			@Override
			public void append(LogRecord r, FormatContext ctx, StringBuilder out) {
				out.append(text);
			}

			@Override
			public String toString() {
				return "Literal[" + text + "]";
			}
		};
	}
}
