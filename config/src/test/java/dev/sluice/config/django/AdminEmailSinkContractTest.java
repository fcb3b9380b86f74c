package dev.sluice.config.django;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.testkit.SinkContract;
import reactor.core.publisher.Mono;

/**
 * Django's AdminEmailHandler keeps the sink contract: as Django without ADMINS it sends nothing, so
 * its destination holds what it was handed, which the test counts on the way in.
 */
class AdminEmailSinkContractTest extends SinkContract {

	private final AtomicLong taken = new AtomicLong();

	@Override
	protected Sink newSink(SinkEnvironment environment) {
		Sink sink = new AdminEmailSinkProvider().create(new SinkSpec("contract", "django.utils.log.AdminEmailHandler",
				SinkOptions.of(Map.of("include_html", true)), (r, out) -> out.append(r.message()), environment));
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
