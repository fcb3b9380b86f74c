package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sluice.testkit.RecordingSink;

/**
 * The router caches each logger's route on the logger: a plan switch must make every cached route
 * stale for loggers made before it.
 */
class RouteCacheTest {

	private final RecordingSink first = new RecordingSink();
	private final RecordingSink second = new RecordingSink();

	private RoutingPlan routeTo(String handler) {
		return RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("first", first))
				.handler(HandlerSpec.ofSink("second", second))
				.root(LoggerSpec.of(Level.INFO))
				.logger("app", LoggerSpec.of(Level.INFO, handler).withPropagate(false))
				.build();
	}

	@Test
	void aPlanSwitchReroutesLoggersWhoseRouteWasCached() {
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).plan(routeTo("first")).build();
		Logger app = sluice.logger("app.orders");
		for (int i = 0; i < 100; i++) {
			app.info("before {}", i);
		}
		sluice.flush().block(Duration.ofSeconds(30));
		sluice.apply(routeTo("second")).block(Duration.ofSeconds(30));
		for (int i = 0; i < 100; i++) {
			app.info("after {}", i);
		}
		sluice.flush().block(Duration.ofSeconds(30));
		sluice.apply(routeTo("first")).block(Duration.ofSeconds(30));
		app.info("back");
		sluice.shutdown(Duration.ofSeconds(30)).block();
		assertThat(first.records()).extracting(LogRecord::message).hasSize(101).last().isEqualTo("back");
		assertThat(second.records()).extracting(LogRecord::message).hasSize(100).allMatch(m -> m.startsWith("after"));
	}
}
