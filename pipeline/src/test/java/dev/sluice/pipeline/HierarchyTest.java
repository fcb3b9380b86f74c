package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sluice.testkit.RecordingSink;

/** Python's logger hierarchy: levels, propagate, handler levels, disable_existing_loggers. */
class HierarchyTest {

	private final RecordingSink rootSink = new RecordingSink();
	private final RecordingSink providerSink = new RecordingSink();

	private Sluice jibe(boolean providerPropagates) {
		return PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).plan(jibePlan(providerPropagates)).build();
	}

	private RoutingPlan jibePlan(boolean providerPropagates) {
		return RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("root", rootSink).withLevel(Level.INFO))
				.handler(HandlerSpec.ofSink("slack", providerSink).withLevel(Level.WARNING))
				.root(LoggerSpec.of(Level.INFO, "root"))
				.logger("jibe.provider", LoggerSpec.of(Level.WARNING, "slack").withPropagate(providerPropagates))
				.logger("jibe.provider.sync", LoggerSpec.of(Level.INFO))
				.build();
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
		CapturedStatusHolder h = new CapturedStatusHolder();
		Sluice sluice = PipelineTestSupport.quiet(h.status).build(); // not configured yet: Python's defaults
		Logger old = sluice.logger("legacy.module");
		Logger child = sluice.logger("jibe.provider.sync.child");
		RoutingPlan first = jibePlan(true).toBuilder().disableExistingLoggers(true).build();
		sluice.apply(first).block();
		assertThat(old.isEnabled(Level.CRITICAL)).isFalse();
		assertThat(old.isDisabled()).isTrue();
		assertThat(child.isEnabled(Level.INFO)).isTrue();
		assertThat(sluice.logger("created.after").isEnabled(Level.INFO)).isTrue();
		old.critical("refused");
		old.error("refused too");
		old.debug("below its level anyway: not counted");
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(10)).block();
		assertThat(report.ingressDropped()).containsExactly(java.util.Map.entry(DropReasons.LOGGER_DISABLED, 2L));
		assertThat(h.status.text()).containsOnlyOnce("records of the disabled logger 'legacy.module'").contains("disable_existing_loggers");
	}

	@Test
	void aReloadNeverDisablesLoggersMadeAfterTheFirstConfiguration() {
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).build();
		Logger before = sluice.logger("made.before");
		sluice.apply(jibePlan(true).toBuilder().disableExistingLoggers(true).build()).block();
		Logger after = sluice.logger("made.after");
		sluice.setLevel("other", Level.DEBUG); // a level change keeps the disabled flags
		assertThat(before.isDisabled()).isTrue();
		// a reload (any edit) with disable_existing_loggers: what a fresh process with this file would do
		sluice.apply(jibePlan(true).toBuilder().disableExistingLoggers(true).build()).block();
		assertThat(after.isEnabled(Level.INFO)).isTrue();
		assertThat(before.isDisabled()).isTrue();
		for (int i = 0; i < 1_000; i++) {
			after.info("kept {}", i);
		}
		// a reload that names the once-disabled logger enables it again, as in Python
		sluice.apply(jibePlan(true).toBuilder().disableExistingLoggers(true)
				.logger("made.before", LoggerSpec.INHERIT).build()).block();
		assertThat(before.isEnabled(Level.INFO)).isTrue();
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(10)).block();
		assertThat(report.sink("root").delivered()).isEqualTo(1_000);
		assertThat(report.ingressDropped()).isEmpty();
	}

	private static final class CapturedStatusHolder {
		final PipelineTestSupport.CapturedStatus status = new PipelineTestSupport.CapturedStatus();
	}

	@Test
	void aHandlerOnALoggerAndOnItsAncestorGetsTheRecordTwiceAsInPython() {
		RecordingSink sink = new RecordingSink();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).plan(RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("console", sink))
				.root(LoggerSpec.of(Level.INFO, "console"))
				// gunicorn's CONFIG_DEFAULTS: gunicorn.access has the root's handler too, and propagates
				.logger("gunicorn.access", LoggerSpec.of(Level.INFO, "console", "console"))
				.build()).build();
		sluice.logger("gunicorn.access").info("GET /");
		sluice.logger("other").info("once");
		sluice.shutdown(Duration.ofSeconds(10)).block();
		assertThat(sink.records()).extracting(LogRecord::message).containsExactly("GET /", "GET /", "once");
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
