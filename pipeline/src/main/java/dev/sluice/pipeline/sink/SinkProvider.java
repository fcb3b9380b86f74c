package dev.sluice.pipeline.sink;

import java.util.Map;
import java.util.Set;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.OverflowPolicy;

/**
 * Makes sinks from handler definitions. Providers are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.sluice.pipeline.sink.SinkProvider}), so the configuration
 * depends on no sink module: adding a sink's jar to the class path makes its class names usable.
 */
public interface SinkProvider {

	/**
	 * The handler {@code class} names this provider answers to: Python's names (such as
	 * {@code logging.StreamHandler}) and Sluice's short ones (such as {@code console}).
	 *
	 * @return the handler {@code class} names this provider answers to
	 */
	Set<String> classNames();

	/**
	 * Validates the spec and makes the sink; nothing is opened or connected before every option
	 * is known to be valid.
	 *
	 * @param spec the sink's spec: options, layout, level and environment
	 * @return the sink, not yet written to
	 * @throws dev.sluice.pipeline.sink.options.InvalidConfigException listing every problem with the options
	 */
	Sink create(SinkSpec spec);

	/**
	 * The level from which the pipeline routes records to the sink of a handler whose configured
	 * level is {@code handlerLevel} and whose options are {@code options} (raw, as in the config).
	 * By default the handler's level, as in Python: a handler never sees records below it. A
	 * provider whose sink also uses lower records returns a lower level and has its sink apply
	 * the handler's level ({@link SinkSpec#level()}) itself; Bugsnag does, to keep lower records
	 * as breadcrumbs, as bugsnag-python's {@code leave_breadcrumbs} filter does. Called when a
	 * plan is made, before {@link #create}: must not throw on bad options ({@code create} reports
	 * them) and must not block.
	 *
	 * @param handlerLevel the handler's configured level
	 * @param options the handler's options, as the config gives them
	 * @return the lowest level the pipeline routes to the sink
	 */
	default Level routingLevel(Level handlerLevel, Map<String, Object> options) {
		return handlerLevel;
	}

	/**
	 * The overflow policy of this provider's sinks when the handler names none ({@code overflow}).
	 * By default {@code drop_newest}: a remote service that slows down must never slow the callers.
	 * Local sinks (files, the console) return {@code block}: lossless while they make progress, a
	 * slow disk holds the callers back through the ingress (see {@link OverflowPolicy#BLOCK}).
	 *
	 * @return the overflow policy of this provider's sinks when the handler names none ({@code overflow})
	 */
	default OverflowPolicy defaultOverflow() {
		return OverflowPolicy.DROP_NEWEST;
	}

	/**
	 * How long this provider's sinks linger after a write when the handler says nothing
	 * ({@code linger}; see {@link dev.sluice.pipeline.BufferSpec#linger()}). By default zero: each
	 * write takes what is buffered. A sink whose write costs about the same for one record as for
	 * many (a database transaction) returns a short wait, so that records coming one by one are
	 * written together.
	 *
	 * @return the linger of this provider's sinks when the handler names none, zero to
	 *         {@link dev.sluice.pipeline.BufferSpec#MAX_LINGER}
	 */
	default java.time.Duration defaultLinger() {
		return java.time.Duration.ZERO;
	}

	/**
	 * The attributes of a dictConfig handler's {@code '.'} key (set on CPython's handler after it is
	 * made) that this provider takes as options of the same name: a stream's or a file's
	 * {@code terminator}, for instance. By default none: CPython keeps the others and never reads them.
	 *
	 * @return the names of the {@code '.'} attributes this provider takes as options
	 */
	default Set<String> attributeOptions() {
		return Set.of();
	}
}
