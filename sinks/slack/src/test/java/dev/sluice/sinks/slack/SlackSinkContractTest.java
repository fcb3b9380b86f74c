package dev.sluice.sinks.slack;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;

import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.testkit.SinkContract;
import dev.sluice.testkit.SlackStandIn;

/**
 * The Slack sink keeps the sink contract against the strict stand-in of Slack's Web API: every record
 * is in a posted line (a burst's grouped line counts the records it stands for) or counted.
 */
class SlackSinkContractTest extends SinkContract {

	private final SlackStandIn slack = SlackStandIn.start(Clock.systemUTC(), Duration.ofMillis(50), 5);

	@AfterEach
	void stop() {
		slack.close();
	}

	@Override
	protected Sink newSink(SinkEnvironment environment) {
		SinkSpec spec = new SinkSpec("contract", "slack", SinkOptions.of(Map.of("api_key", SlackSinkTest.TOKEN,
				"channel", "#general", "endpoint", slack.apiBase(), "pace", "50ms")),
				(r, out) -> out.append(r.message()), environment);
		return new SlackSinkProvider().create(spec);
	}

	@Override
	protected int records() {
		return 500;
	}

	@Override
	protected long stored() {
		return BurstLines.records(slack.texts("#general"));
	}

	@Override
	protected void breakDestination() {
		slack.failNext(Integer.MAX_VALUE, "channel_not_found");
	}
}
