package dev.sluice.layouts;

import java.util.List;

import dev.sluice.pipeline.LogRecord;

/**
 * A {@code str.format} field whose spec holds nested fields, {@code {foo:{w}.{p}}}: the spec is
 * filled from the record first, then read and applied as Python does. A spec that comes out
 * invalid fails the record ({@link FieldError}, Python's {@code ValueError}). Immutable and
 * thread-safe.
 */
final class DynamicBraceField implements Part {

	private final String key;
	private final FieldPath path;
	private final char conversion;
	private final List<Part> spec;
	private final PyAttribute attr;

	DynamicBraceField(String key, FieldPath path, char conversion, List<Part> spec) {
		this.key = key;
		this.path = path;
		this.conversion = conversion;
		this.spec = List.copyOf(spec);
		this.attr = PyAttribute.byName(key);
	}

	@Override
	public void append(LogRecord r, FormatContext ctx, StringBuilder out) {
		StringBuilder s = new StringBuilder();
		for (Part p : spec) {
			p.append(r, ctx, s);
		}
		BraceField field;
		try {
			field = new BraceField(key, path, conversion, s.toString());
		}
		catch (IllegalArgumentException e) {
			throw new FieldError("ValueError: " + e.getMessage());
		}
		field.append(r, ctx, out);
	}

	@Override
	public PyAttribute attribute() {
		return attr;
	}

	@Override
	public String toString() {
		return "{" + key + (path != null ? path.toString() : "") + ":" + spec + "}";
	}
}
