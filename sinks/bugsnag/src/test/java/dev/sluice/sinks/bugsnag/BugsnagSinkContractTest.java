package dev.sluice.sinks.bugsnag;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;

import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.testkit.BugsnagStandIn;
import dev.sluice.testkit.SinkContract;

/**
 * The Bugsnag sink keeps the sink contract against the strict stand-in of the Error Reporting API v5, with
 * {@code notify_level: INFO} so that every contract record is an event.
 */
class BugsnagSinkContractTest extends SinkContract {

	private final BugsnagStandIn bugsnag = BugsnagStandIn.start();

	@AfterEach
	void stop() {
		bugsnag.close();
	}

	@Override
	protected Sink newSink(SinkEnvironment environment) {
		SinkSpec spec = new SinkSpec("contract", "bugsnag.handlers.BugsnagHandler", SinkOptions.of(Map.of(
				"api_key", BugsnagSinkTest.KEY, "endpoint", bugsnag.notifyUrl(), "notify_level", "INFO",
				"project_packages", List.of("dev.sluice"))), (r, out) -> out.append(r.message()), environment);
		return new BugsnagSinkProvider().create(spec);
	}

	@Override
	protected int records() {
		return 1_000;
	}

	@Override
	protected long stored() {
		return bugsnag.events().size();
	}

	@Override
	protected void breakDestination() {
		bugsnag.failNext(Integer.MAX_VALUE, 400);
	}
}
