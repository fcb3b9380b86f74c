package dev.sluice.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.sluice.pipeline.BufferSpec;
import dev.sluice.pipeline.Level;

/**
 * One entry of dictConfig's {@code handlers}, validated.
 *
 * <p>{@link #options()} are the handler's other keys, handed to its sink provider as
 * {@link dev.sluice.pipeline.sink.options.SinkOptions}: values from {@code ${env:..}}/{@code ${file:..}}
 * substitution in an option whose name looks secret are {@link dev.sluice.pipeline.sink.options.Secret}s.
 * Sluice's buffer keys ({@code buffer_size}, {@code overflow}, {@code block_timeout},
 * {@code discard_below}, {@code fill_mark}, {@code max_batch}) are taken out into {@link #buffer()}.
 *
 * <p>Immutable. {@link #toString()} never shows an option whose name looks secret.
 *
 * @param name      the handler's name
 * @param className the {@code class} (or {@code '()'} factory) as written
 * @param level     the handler's level (NOTSET: all records)
 * @param formatter the formatter's name; null for Python's default formatter
 * @param formatterDef the formatter's definition ({@link FormatterDef#DEFAULT} when none)
 * @param filters   the names of its filters
 * @param options   every other key (unmodifiable, in file order, null values kept)
 * @param buffer    its buffer shape
 */
public record HandlerDef(String name, String className, Level level, String formatter, FormatterDef formatterDef,
		List<String> filters, Map<String, Object> options, BufferSpec buffer) {

	public HandlerDef {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(className, "className");
		Objects.requireNonNull(level, "level");
		Objects.requireNonNull(formatterDef, "formatterDef");
		Objects.requireNonNull(buffer, "buffer");
		filters = List.copyOf(filters);
		options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
	}

	/**
	 * What decides whether a reload keeps this handler's running sink: its class, its options
	 * and its formatter's definition. Level and filters are not part of it (they change without
	 * restarting the sink); the buffer is compared separately by the pipeline.
	 */
	public HandlerIdentity identity() {
		return new HandlerIdentity(className, options, formatterDef);
	}

	@Override
	public String toString() {
		return "HandlerDef{" + name + ", class=" + className + ", level=" + level
				+ (formatter != null ? ", formatter=" + formatter : "") + (filters.isEmpty() ? "" : ", filters=" + filters)
				+ ", options=" + HandlerIdentity.masked(options) + '}';
	}
}
