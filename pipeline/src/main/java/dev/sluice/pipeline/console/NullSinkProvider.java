package dev.sluice.pipeline.console;

import java.util.Set;

import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import reactor.core.publisher.Mono;

/**
 * {@code logging.NullHandler} (short name {@code null}): takes records and does nothing with them,
 * as Python's, which libraries attach so that their loggers have a handler. The records count as
 * delivered: handled by the handler the configuration chose. No options.
 */
public final class NullSinkProvider implements SinkProvider {

	private static final Sink NOTHING = batch -> Mono.empty();

	@Override
	public Set<String> classNames() {
		return Set.of("logging.NullHandler", "null");
	}

	@Override
	public Sink create(SinkSpec spec) {
		spec.options().validate();
		return NOTHING;
	}
}
