package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.testing.RecordingSink;

/** Python's logger hierarchy: levels, propagate, handler levels, disable_existing_loggers. */
class HierarchyTest {

	private final RecordingSink rootSink = new RecordingSink();
	private final RecordingSink providerSink = new RecordingSink();

	private Sluice jibe(boolean providerPropagates) {
		RoutingPlan plan = RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("root", rootSink).withLevel(Level.INFO))
				.handler(HandlerSpec.ofSink("slack", providerSink).withLevel(Level.WARNING))
				.root(LoggerSpec.of(Level.INFO, "root"))
				.logger("jibe.provider", LoggerSpec.of(Level.WARNING, "slack").withPropagate(providerPropagates))
				.logger("jibe.provider.sync", LoggerSpec.of(Level.INFO))
				.build();
		return PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).plan(plan).build();
	}

	@Test
	void effectiveLevelComesFromNearestConfiguredAncestor() {
		Sluice sluice = jibe(true);
		assertThat(sluice.logger("jibe.provider").effectiveLevel()).isEqualTo(Level.WARNING);
		assertThat(sluice.logger("jibe.provider.folder").effectiveLevel()).isEqualTo(Level.WARNING);
		assertThat(sluice.logger("jibe.provider.sync").effectiveLevel()).isEqualTo(Level.INFO);
		assertThat(sluice.logger("jibe.provider.sync.deep").effectiveLevel()).isEqualTo(Level.INFO);
		assertThat(sluice.logger("jibe.core").effectiveLevel()).isEqualTo(Level.INFO);
		assertThat(sluice.logger("jibe.provider").isEnabled(Level.INFO)).isFalse();
		assertThat(sluice.logger("jibe.core").parent().name()).isEqualTo("jibe");
		assertThat(sluice.logger("jibe").parent()).isSameAs(sluice.root());
		assertThat(sluice.logger("jibe.core")).isSameAs(sluice.logger("jibe.core"));
		sluice.close();
	}

	@Test
	void loggerNamesListsEveryLoggerMadeSoFar() {
		Sluice sluice = jibe(true);
		assertThat(sluice.loggerNames()).containsExactly("root");
		sluice.logger("jibe.provider.sync");
		assertThat(sluice.loggerNames()).containsExactlyInAnyOrder("root", "jibe", "jibe.provider", "jibe.provider.sync");
		sluice.close();
	}

	@Test
	void recordsReachHandlersOfEachAncestorUntilPropagateFalse() {
		Sluice sluice = jibe(true);
		sluice.logger("jibe.provider.sync").info("Provider ReSync Found");
		sluice.logger("jibe.provider.sync").warn("Providers Sync Delayed");
		sluice.logger("jibe.provider").info("Start Folder Monitor");
		sluice.logger("jibe.core").info("syncOnProviderEvent");
		sluice.shutdown(Duration.ofSeconds(10)).block();
		assertThat(rootSink.records()).extracting(LogRecord::message)
				.containsExactly("Provider ReSync Found", "Providers Sync Delayed", "syncOnProviderEvent");
		// slack handler is at WARNING: the INFO record from jibe.provider.sync stops there
		assertThat(providerSink.records()).extracting(LogRecord::message).containsExactly("Providers Sync Delayed");
	}

	@Test
	void propagateFalseStopsAtTheLogger() {
		Sluice sluice = jibe(false);
		sluice.logger("jibe.provider.sync").warn("Providers Sync Delayed");
		sluice.shutdown(Duration.ofSeconds(10)).block();
		assertThat(providerSink.records()).hasSize(1);
		assertThat(rootSink.records()).isEmpty();
	}

	@Test
	void disableExistingLoggersDisablesUnconfiguredOnesOnly() {
		Sluice sluice = jibe(true);
		Logger old = sluice.logger("legacy.module");
		Logger child = sluice.logger("jibe.provider.sync.child");
		RoutingPlan next = sluice.plan().toBuilder().disableExistingLoggers(true).build();
		sluice.apply(next).block();
		assertThat(old.isEnabled(Level.CRITICAL)).isFalse();
		assertThat(child.isEnabled(Level.INFO)).isTrue();
		assertThat(sluice.logger("created.after").isEnabled(Level.INFO)).isTrue();
		sluice.close();
	}

	@Test
	void incrementalPlanChangesOnlyLevelsAndPropagate() {
		Sluice sluice = jibe(true);
		RoutingPlan change = RoutingPlan.builder().incremental(true)
				.root(LoggerSpec.of(Level.ERROR))
				.logger("jibe.provider", LoggerSpec.of(Level.DEBUG).withPropagate(false))
				.build();
		sluice.apply(change).block();
		assertThat(sluice.plan().handlers()).containsOnlyKeys("root", "slack");
		assertThat(sluice.logger("jibe.core").isEnabled(Level.WARNING)).isFalse();
		assertThat(sluice.logger("jibe.provider").isEnabled(Level.DEBUG)).isTrue();
		sluice.logger("jibe.provider").warn("to slack only");
		sluice.shutdown(Duration.ofSeconds(10)).block();
		assertThat(providerSink.records()).hasSize(1);
		assertThat(rootSink.records()).isEmpty();
	}

	@Test
	void undefinedHandlerIsRejected() {
		assertThatThrownBy(() -> RoutingPlan.builder().root(LoggerSpec.of(Level.INFO, "nope")).build())
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
	}

	@Test
	void levelsHavePythonNumbersAndAliases() {
		assertThat(Level.parse("warn")).isSameAs(Level.WARNING);
		assertThat(Level.parse("FATAL")).isSameAs(Level.CRITICAL);
		assertThat(Level.parse("25").name()).isEqualTo("Level 25");
		assertThat(Level.TRACE.value()).isEqualTo(5);
		assertThat(Level.CRITICAL.value()).isEqualTo(50);
		assertThatThrownBy(() -> Level.parse("LOUD")).hasMessageContaining("LOUD");
	}
}
