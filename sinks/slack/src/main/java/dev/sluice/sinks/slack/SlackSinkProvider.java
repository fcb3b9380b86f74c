package dev.sluice.sinks.slack;

import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.sinks.delivery.DeliveryOptions;
import dev.sluice.sinks.delivery.DeliverySinkProvider;
import reactor.core.scheduler.Scheduler;

/**
 * Makes Slack sinks for the handler classes {@code slacker_log_handler.SlackerLogHandler},
 * {@code src.slack_log_handler.SlackLogHandler} (Jibe's), {@code slack} and {@code sluice.slack}.
 * Options: see {@link SlackSettings}; plus the delivery engine's shared ones ({@code fallback},
 * {@code retry_*}, {@code breaker_*}). Every option is validated before anything is made; an
 * invalid one fails with every problem listed and no secret shown.
 */
public final class SlackSinkProvider extends DeliverySinkProvider {

	public SlackSinkProvider() {
		super("slacker_log_handler.SlackerLogHandler",
				"src.slack_log_handler.SlackLogHandler", "slack", "sluice.slack");
	}

	/** A sink whose waits (pace, backoff, breaker) run on {@code scheduler} (virtual time in tests). */
	@Override
	protected SlackSink create(SinkSpec spec, Scheduler scheduler) {
		SinkOptions o = spec.options();
		SlackSettings settings = SlackSettings.read(o);
		DeliveryOptions delivery = DeliveryOptions.read(spec);
		o.validate();
		return new SlackSink(spec, settings, delivery, new SlackApi(settings), scheduler);
	}
}
