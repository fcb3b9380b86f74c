package dev.sluice.sinks.delivery;

import java.util.Set;

import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Base of the providers of sinks built on the delivery engine (Slack, Bugsnag): the handler class
 * names it answers to, and the scheduler the sink's waits (pace, retry backoff, breaker) run on.
 *
 * <p>Contract: {@link #create(SinkSpec)} makes the sink on Reactor's parallel scheduler; a
 * subclass implements {@link #create(SinkSpec, Scheduler)}, which reads and validates every option
 * before making anything (an invalid one throws {@code InvalidConfigException} listing every
 * problem, no secret shown) and never blocks; tests call it with a {@code VirtualTimeScheduler}.
 *
 * <p>Thread-safety: stateless after construction; any thread may call it.
 */
public abstract class DeliverySinkProvider implements SinkProvider {

	private final Set<String> names;

	/** A provider for the handler classes {@code classNames}. */
	protected DeliverySinkProvider(String... classNames) {
		this.names = Set.of(classNames);
	}

	@Override
	public final Set<String> classNames() {
		return names;
	}

	@Override
	public final Sink create(SinkSpec spec) {
		return create(spec, Schedulers.parallel());
	}

	/** Makes the sink with its waits on {@code scheduler}; see the class comment. */
	protected abstract Sink create(SinkSpec spec, Scheduler scheduler);
}
