package dev.sluice.config.testing;

import java.util.Set;

import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import reactor.core.publisher.Mono;

/**
 * Test-only stand-in for the Slack sink module's provider (which lands with the network sinks):
 * it answers to the same class names and validates the options of the seed's Slack handler,
 * and makes a sink that sends nothing. Registered only in config's test resources.
 */
public final class SlackStubProvider implements SinkProvider {

	/** The last API key a sink was made with (to check substitution). */
	public static volatile Secret lastApiKey;

	@Override
	public Set<String> classNames() {
		return Set.of("src.slack_log_handler.SlackLogHandler", "slacker_log_handler.SlackerLogHandler", "slack", "sluice.slack");
	}

	@Override
	public Sink create(SinkSpec spec) {
		SinkOptions o = spec.options();
		Secret key = o.secret("api_key");
		if (key == null) {
			o.problem("api_key", "is required (a Slack OAuth token) but is missing");
		}
		String channel = o.string("channel", null);
		if (channel == null) {
			o.problem("channel", "is required (such as \"#general\") but is missing");
		}
		o.string("username", "Python logger");
		o.string("icon_url", null);
		o.string("icon_emoji", null);
		o.bool("fail_silent", false);
		o.validate();
		lastApiKey = key;
		return batch -> Mono.empty();
	}
}
