package dev.sluice.sinks.bugsnag;

import java.util.Set;

import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.sinks.delivery.DeliveryOptions;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Makes Bugsnag sinks for the handler classes {@code bugsnag.handlers.BugsnagHandler},
 * {@code bugsnag} and {@code sluice.bugsnag}. Options: see {@link BugsnagSettings}, plus the
 * delivery engine's shared ones ({@code fallback}, {@code retry_*}, {@code breaker_*}).
 *
 * <p>Python's handler level ({@code "level"} in the config, default ERROR in bugsnag-python) is
 * the pipeline's and decides what reaches the sink. To have breadcrumbs, let lower records reach
 * it (leave {@code level} out, or set it to the breadcrumb level) and keep {@code notify_level}
 * at ERROR: records below {@code notify_level} become breadcrumbs of their unit of work.
 */
public final class BugsnagSinkProvider implements SinkProvider {

	private static final Set<String> NAMES = Set.of("bugsnag.handlers.BugsnagHandler", "bugsnag", "sluice.bugsnag");

	@Override
	public Set<String> classNames() {
		return NAMES;
	}

	@Override
	public Sink create(SinkSpec spec) {
		return create(spec, Schedulers.parallel());
	}

	/** A sink whose waits run on {@code scheduler} (virtual time in tests). */
	static BugsnagSink create(SinkSpec spec, Scheduler scheduler) {
		SinkOptions o = spec.options();
		BugsnagSettings settings = BugsnagSettings.read(o, null);
		DeliveryOptions delivery = DeliveryOptions.read(spec);
		o.validate();
		return new BugsnagSink(spec, settings, delivery, scheduler);
	}
}
