/**
 * dictConfig files (JSON, or YAML for {@code .yaml}/{@code .yml}) for Sluice: Python's
 * {@code logging.config.dictConfig} schema read into an immutable, validated model, turned into
 * the pipeline's {@link dev.sluice.pipeline.RoutingPlan}, and followed as the file changes.
 *
 * <ul>
 * <li>{@link dev.sluice.config.SluiceConfig}: one-call entry points ({@code start}, {@code load},
 * {@code read}, {@code check}).</li>
 * <li>{@link dev.sluice.config.ConfigLoader}: read and validate ({@code read}, {@code parse}) with
 * every problem reported at its file and JSON pointer; {@code plan} makes the routing plan.</li>
 * <li>{@link dev.sluice.config.LoggingConfig} and its parts ({@link dev.sluice.config.HandlerDef},
 * {@link dev.sluice.config.FormatterDef}, {@link dev.sluice.config.FilterDef},
 * {@link dev.sluice.config.LoggerDef}): the model.</li>
 * <li>{@link dev.sluice.config.ConfigSource}: the file's versions as a {@code Flux} (watch, poll,
 * hash, debounce); {@link dev.sluice.config.ConfigReloader} applies them to a running pipeline.</li>
 * <li>{@link dev.sluice.config.SinkProviders}: the handler classes on the class path
 * ({@link java.util.ServiceLoader} of {@link dev.sluice.pipeline.sink.SinkProvider}); this module
 * depends on no sink module.</li>
 * </ul>
 *
 * <p>Beyond Python: {@code ${env:NAME}}, {@code ${env:NAME:-default}} and {@code ${file:/path}} in
 * any string (a substituted value of an option whose name looks secret becomes a
 * {@link dev.sluice.pipeline.sink.options.Secret}); filters on a level range ({@code min_level},
 * {@code max_level}) and regular expressions ({@code logger_regex}, {@code message_regex}, with
 * {@code invert}); handler buffer keys ({@code buffer_size}, {@code overflow},
 * {@code block_timeout}, {@code discard_below}, {@code fill_mark}, {@code max_batch},
 * {@code linger}); a
 * formatter's {@code utc}.
 */
package dev.sluice.config;
