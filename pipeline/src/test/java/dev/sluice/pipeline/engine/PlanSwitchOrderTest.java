package dev.sluice.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.sink.StatusLogger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * A plan's levels reach the loggers only once its switch is queued for the router: a caller that
 * sees a new level logs after the switch was queued, and the router takes every queued switch
 * before it routes a batch, so such a record follows the new routes (seen as a record in the old
 * format after a reload had made its level visible, when the levels came first).
 */
class PlanSwitchOrderTest {

	@Test
	void theLoggersGetAPlansLevelsOnlyOnceItsSwitchIsQueued() {
		Engine engine = new Engine(Clock.systemUTC(), StatusLogger.to(System.err), new SimpleMeterRegistry(), 1024, 0,
				Duration.ofSeconds(5).toNanos(), 0);
		List<Long> queuedWhenApplied = new ArrayList<>();
		Hierarchy loggers = new Hierarchy() {
			private RoutingPlan plan = RoutingPlan.DEFAULT;

			@Override
			public RoutingPlan plan() {
				return plan;
			}

			@Override
			public RoutingPlan apply(RoutingPlan p, boolean configuration) {
				queuedWhenApplied.add(engine.queuedSwitches());
				plan = p;
				return p;
			}

			@Override
			public RoutingPlan setLevel(String loggerName, Level level) {
				return plan;
			}
		};
		engine.start(loggers, () -> true);
		RoutingPlan debug = RoutingPlan.builder().root(LoggerSpec.of(Level.DEBUG)).build();
		RoutingPlan info = RoutingPlan.builder().root(LoggerSpec.of(Level.INFO)).build();
		engine.switchTo(debug, true).join();
		engine.switchTo(info, true).join();
		assertThat(queuedWhenApplied).containsExactly(1L, 2L);
		engine.drain(Duration.ofSeconds(10));
	}
}
