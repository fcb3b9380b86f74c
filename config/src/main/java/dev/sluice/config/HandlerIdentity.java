package dev.sluice.config;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.options.SinkOptions;

/**
 * The part of a handler's definition that its sink is made from: class, options (after
 * substitution) and formatter definition. Two handlers with equal identities (and names) are the
 * same sink, which a reload keeps running. {@link #toString()} hides secret values.
 */
public record HandlerIdentity(String className, Map<String, Object> options, FormatterDef formatter) {

	@Override
	public String toString() {
		return "HandlerIdentity{" + className + ", " + masked(options) + ", " + formatter + '}';
	}

	/** The options with every secret, or value of a key that looks secret, shown as {@code ******}. */
	static Map<String, Object> masked(Map<String, Object> options) {
		Map<String, Object> m = new LinkedHashMap<>();
		options.forEach((k, v) -> m.put(k, v instanceof Secret || SinkOptions.looksSecret(k) ? "******" : v));
		return m;
	}
}
