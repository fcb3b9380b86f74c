package dev.sluice.sinks.cloudwatch;

import java.time.Clock;

import org.junit.jupiter.api.AfterEach;

import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.testkit.CloudWatchLogsStandIn;
import dev.sluice.testkit.SinkContract;
import reactor.core.scheduler.Schedulers;

/** The CloudWatch Logs sink keeps the sink contract, against the strict stand-in of the service. */
class CloudWatchSinkContractTest extends SinkContract {

	private final CloudWatchLogsStandIn standIn = CloudWatchLogsStandIn.start();

	@AfterEach
	void stop() {
		standIn.close();
	}

	@Override
	protected Sink newSink(SinkEnvironment environment) {
		SinkFixture fx = new SinkFixture(Clock.systemUTC()).option("send_interval", "1s").option("retry_min_backoff", "1ms")
				.option("retry_max_backoff", "5ms").option("breaker_failures", 2).option("retry_max_attempts", 3)
				.option("breaker_open_time", "50ms").option("retry_max_time", "2s");
		SinkSpec spec = new SinkSpec("contract", "cloudwatch", new SinkOptions("/handlers/contract", fx.options),
				SinkFixture.messageOnly(), environment);
		return new CloudWatchSink(spec, CloudWatchConfig.read(spec), SinkFixture.client(standIn.endpoint()), true,
				Schedulers.parallel(), Schedulers.boundedElastic(), Clock.systemUTC());
	}

	@Override
	protected long stored() {
		return standIn.storedEventCount();
	}

	@Override
	protected void breakDestination() {
		standIn.goDown();
	}
}
