package dev.sluice.testkit;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.sluice.pipeline.console.NullSinkProvider;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.options.SinkOptions;
import reactor.core.publisher.Mono;

/**
 * Python's NullHandler keeps the sink contract: it takes every record and writes it nowhere, so
 * its destination holds what it was handed, which the test counts on the way in.
 */
class NullSinkContractTest extends SinkContract {

	private final AtomicLong taken = new AtomicLong();

	@Override
	protected Sink newSink(SinkEnvironment environment) {
		Sink sink = new NullSinkProvider().create(new SinkSpec("contract", "logging.NullHandler", SinkOptions.of(Map.of()),
				(r, out) -> out.append(r.message()), environment));
		return new Sink() {
			@Override
			public Mono<Void> write(Batch batch) {
				return sink.write(batch).doOnSuccess(v -> taken.addAndGet(batch.size() - batch.droppedCount()
						- batch.fallbackCount()));
			}

			@Override
			public Mono<Void> close() {
				return sink.close();
			}
		};
	}

	@Override
	protected long stored() {
		return taken.get();
	}
}
