package dev.sluice.sinks.bugsnag;

import java.util.Map;

import dev.sluice.pipeline.Level;

import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.sinks.delivery.DeliveryOptions;
import dev.sluice.sinks.delivery.DeliverySinkProvider;
import reactor.core.scheduler.Scheduler;

/**
 * Makes Bugsnag sinks for the handler classes {@code bugsnag.handlers.BugsnagHandler},
 * {@code bugsnag} and {@code sluice.bugsnag}. Options: see {@link BugsnagSettings}, plus the
 * delivery engine's shared ones ({@code fallback}, {@code retry_*}, {@code breaker_*}).
 *
 * <h2>Levels</h2>
 * The handler's {@code level} (ERROR when it has none) decides which records become events, as
 * in Python: a handler at WARNING reports WARNING and above. Records below it and at or above
 * {@code breadcrumb_log_level} (INFO) become the breadcrumbs of their unit of work, as
 * bugsnag-python's {@code leave_breadcrumbs} filter makes them; so that they reach the sink,
 * {@link #routingLevel} has the pipeline route records from the lower of the two levels, and the
 * sink applies the handler's level itself. Records below both never reach the sink.
 */
public final class BugsnagSinkProvider extends DeliverySinkProvider {

	public BugsnagSinkProvider() {
		super("bugsnag.handlers.BugsnagHandler", "bugsnag", "sluice.bugsnag");
	}

	/**
	 * The lower of the event level (the handler's, or {@code notify_level}) and
	 * {@code breadcrumb_log_level}, or the handler's level when {@code max_breadcrumbs} is 0.
	 * Options that do not parse count as their defaults here; {@link #create} reports them.
	 */
	@Override
	public Level routingLevel(Level handlerLevel, Map<String, Object> options) {
		if (handlerLevel.value() == Level.NOTSET.value()) {
			return handlerLevel;
		}
		Level events = lenientLevel(options.get("notify_level"), handlerLevel);
		Object max = options.get("max_breadcrumbs");
		if (max instanceof Number && ((Number) max).intValue() == 0) {
			return events;
		}
		Level crumbs = lenientLevel(options.get("breadcrumb_log_level"), Level.INFO);
		return crumbs.value() < events.value() ? crumbs : events;
	}

	private static Level lenientLevel(Object v, Level fallback) {
		try {
			return v == null ? fallback : v instanceof Number ? Level.of(((Number) v).intValue())
					: Level.parse(v.toString());
		}
		catch (IllegalArgumentException e) {
			return fallback;
		}
	}

	/** A sink whose waits run on {@code scheduler} (virtual time in tests). */
	@Override
	protected BugsnagSink create(SinkSpec spec, Scheduler scheduler) {
		SinkOptions o = spec.options();
		BugsnagSettings settings = BugsnagSettings.read(o, spec.level(), null);
		DeliveryOptions delivery = DeliveryOptions.read(spec);
		o.validate();
		return new BugsnagSink(spec, settings, delivery, scheduler);
	}
}
