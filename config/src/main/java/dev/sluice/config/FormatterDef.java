package dev.sluice.config;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of dictConfig's {@code formatters}, validated: Python's {@code logging.Formatter}
 * arguments. Immutable; equal definitions make equal layouts, which is part of a handler's
 * identity across reloads.
 *
 * @param format    the format string ({@code format}, or {@code fmt} for a {@code '()'} factory);
 *                  null for the style's default
 * @param datefmt   the strftime format of {@code asctime}; null for Python's default
 * @param style     {@code %}, <code>{</code> or {@code $}
 * @param validate  Python's {@code validate} (default true)
 * @param utc       Sluice's {@code utc}: times in UTC, as with {@code converter = time.gmtime}
 * @param className the formatter class ({@code logging.Formatter})
 * @param defaults  Python 3.12's {@code defaults}: values of fields a record lacks
 * @param options   the other arguments of a formatter class that takes more (python-json-logger's
 *                  {@code rename_fields}, {@code timestamp}, ...); empty for {@code logging.Formatter}
 */
public record FormatterDef(String format, String datefmt, String style, boolean validate, boolean utc,
		String className, Map<String, Object> defaults, Map<String, Object> options) {

	/** A {@code logging.Formatter}-like definition without further options. */
	public FormatterDef(String format, String datefmt, String style, boolean validate, boolean utc, String className,
			Map<String, Object> defaults) {
		this(format, datefmt, style, validate, utc, className, defaults, Map.of());
	}

	/** The default class, and Python's default formatter ({@code %(message)s}). */
	public static final String FORMATTER_CLASS = "logging.Formatter";

	/** What a handler without a formatter uses: {@code logging.Formatter()}. */
	public static final FormatterDef DEFAULT = new FormatterDef(null, null, "%", true, false, FORMATTER_CLASS,
			Map.of());

	public FormatterDef {
		Objects.requireNonNull(style, "style");
		Objects.requireNonNull(className, "className");
		defaults = Map.copyOf(defaults);
		options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
	}
}
