package dev.sluice.layouts;

/**
 * A format field that cannot be filled for one record: what CPython raises while formatting it
 * ({@code KeyError}, {@code IndexError}, {@code AttributeError}, {@code ValueError}), named so in
 * the message. CPython then prints a "Logging error" and writes nothing for that record; the sinks
 * here drop the record and count it ({@code format_error}), reporting the cause once.
 */
final class FieldError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	FieldError(String message) {
		super("--- Logging error --- " + message, null, false, false);
	}

	/** A field the record has neither as an attribute nor among the formatter's defaults. */
	static FieldError missing(String key) {
		return new FieldError("KeyError: '" + key + "' (the record has no attribute '" + key
				+ "' and the formatter no default for it)");
	}
}
