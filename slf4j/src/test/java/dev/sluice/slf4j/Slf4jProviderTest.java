package dev.sluice.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;
import org.slf4j.helpers.MessageFormatter;

import dev.sluice.context.Attributes;
import dev.sluice.context.CurrentAttributes;
import dev.sluice.context.LogContext;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.util.context.Context;
import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.Sluice;
import dev.sluice.testkit.RecordingSink;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class Slf4jProviderTest {

	private static RecordingSink sink;

	@BeforeAll
	static void routeGlobalPipelineToARecordingSink() {
		sink = new RecordingSink();
		Sluice.global().apply(RoutingPlan.builder().handler(HandlerSpec.ofSink("rec", sink))
				.root(LoggerSpec.of(Level.INFO, "rec"))
				.logger("chatty", LoggerSpec.of(Level.TRACE))
				.build()).block();
	}

	@AfterAll
	static void restoreDefaults() {
		Sluice.global().apply(RoutingPlan.DEFAULT).block();
	}

	@BeforeEach
	void clearMdc() {
		MDC.clear();
	}

	private static LogRecord last(int expectedCount) throws InterruptedException {
		assertThat(sink.awaitCount(expectedCount, 30)).isTrue();
		List<LogRecord> all = sink.records();
		return all.get(all.size() - 1);
	}

	@Test
	void slf4jCallsEnterThePipelineWithItsLevels() throws Exception {
		org.slf4j.Logger log = LoggerFactory.getLogger("jibe.provider");
		assertThat(log).isInstanceOf(SluiceSlf4jLogger.class);
		assertThat(log.isDebugEnabled()).isFalse();
		assertThat(LoggerFactory.getLogger("chatty").isTraceEnabled()).isTrue();
		int before = sink.size();
		log.debug("not logged");
		log.warn("Found New Provider - '{}'", "Shared Media");
		LogRecord r = last(before + 1);
		assertThat(r.level()).isEqualTo(Level.WARNING);
		assertThat(r.loggerName()).isEqualTo("jibe.provider");
		assertThat(r.message()).isEqualTo("Found New Provider - 'Shared Media'");
		assertThat(sink.size()).isEqualTo(before + 1);
		assertThat(LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getName()).isEqualTo("root");
	}

	@Test
	void trailingThrowableIsTheRecordsException() throws Exception {
		int before = sink.size();
		IllegalStateException e = new IllegalStateException("boom");
		LoggerFactory.getLogger("x").error("failed {} of {}", 3, 5, e);
		LogRecord r = last(before + 1);
		assertThat(r.thrown()).isSameAs(e);
		assertThat(r.message()).isEqualTo("failed 3 of 5");
	}

	@Test
	void fluentKeyValuesMarkersAndMdcBecomeAttributes() throws Exception {
		int before = sink.size();
		MDC.put("requestId", "r-42");
		LoggerFactory.getLogger("fluent").atInfo().addMarker(MarkerFactory.getMarker("AUDIT"))
				.addKeyValue("organization_id", "123").setMessage("Organization was successfully added {}")
				.addArgument("ok").log();
		LogRecord r = last(before + 1);
		assertThat(r.message()).isEqualTo("Organization was successfully added ok");
		assertThat(r.attributes().asMap()).containsEntry("organization_id", "123").containsEntry("marker", "AUDIT")
				.containsEntry("requestId", "r-42");
	}

	@Test
	void reactorContextIsVisibleToMdcReadersAcrossThreads() {
		Hooks.enableAutomaticContextPropagation();
		try {
			String seen = Mono.fromCallable(() -> MDC.get("User"))
					.subscribeOn(Schedulers.boundedElastic())
					.contextWrite(LogContext.with("User", "alice"))
					.block(Duration.ofSeconds(10));
			assertThat(seen).isEqualTo("alice");
		}
		finally {
			Hooks.disableAutomaticContextPropagation();
		}
	}

	/**
	 * A context snapshot taken while a chain runs must not freeze the chain's attributes into MDC:
	 * restored further up the chain, they would shadow the chain's own (a caller's X-Request-Id
	 * written over a unit of work's OperationId was lost for SLF4J callers that way).
	 */
	@Test
	void aCapturedSnapshotCarriesOwnMdcEntriesNotTheChainsAttributes() throws Exception {
		ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
		CurrentAttributes.set(Attributes.of("OperationId", "unit"));
		MDC.put("tenant", "t-1");
		Context captured;
		try {
			captured = snapshots.captureAll().updateContext(Context.empty());
		}
		finally {
			CurrentAttributes.clear();
			MDC.clear();
		}
		Context inner = LogContext.put(captured, "OperationId", "caller");
		int before = sink.size();
		try (ContextSnapshot.Scope scope = snapshots.setThreadLocalsFrom(inner)) {
			assertThat(MDC.get("OperationId")).isEqualTo("caller");
			LoggerFactory.getLogger("snap").info("inside");
		}
		LogRecord r = last(before + 1);
		assertThat(r.attributes().asMap()).containsEntry("OperationId", "caller").containsEntry("tenant", "t-1");
		assertThat(MDC.get("tenant")).isNull();
	}

	@Test
	void mdcValuesFollowAChainToAnotherThread() {
		Hooks.enableAutomaticContextPropagation();
		MDC.put("tenant", "t-2");
		try {
			String seen = Mono.fromCallable(() -> MDC.get("tenant")).subscribeOn(Schedulers.boundedElastic())
					.contextCapture().block(Duration.ofSeconds(10));
			assertThat(seen).isEqualTo("t-2");
		}
		finally {
			MDC.clear();
			Hooks.disableAutomaticContextPropagation();
		}
	}

	@Test
	void placeholderFormattingMatchesSlf4jsOwnMessageFormatter() {
		Object[][] cases = {
				{"no placeholders", new Object[] {"x"}},
				{"{} and {}", new Object[] {"a", "b"}},
				{"{} and {}", new Object[] {"only one"}},
				{"escaped \\{} then {}", new Object[] {"a"}},
				{"double \\\\{} escaped", new Object[] {"a"}},
				{"{}{}{}", new Object[] {1, null, 3}},
				{"array {}", new Object[] {new int[] {1, 2}}},
				{"nested {}", new Object[] {new Object[] {"a", new String[] {"b"}}}},
				{"brace { not } a placeholder {}", new Object[] {"x"}},
				{"trailing {", new Object[] {"x"}},
				{"{} {} {}", new Object[] {"a", "b"}},
				{"unicode {} ✓", new Object[] {"é"}},
				{"percent %s {}", new Object[] {"%d"}},
				{"\\\\\\{} triple", new Object[] {"a"}},
		};
		for (Object[] c : cases) {
			String pattern = (String) c[0];
			Object[] args = (Object[]) c[1];
			assertThat(LogRecord.builder(Level.INFO, "t", pattern).arguments(args).build().message()).as(pattern)
					.isEqualTo(MessageFormatter.basicArrayFormat(pattern, args));
		}
	}

	@Test
	void loggingOnReactorThreadsNeverBlocks() throws Exception {
		int before = sink.size();
		org.slf4j.Logger log = LoggerFactory.getLogger("reactive.caller");
		reactor.core.publisher.Flux.range(0, 2_000).parallel(2).runOn(Schedulers.parallel())
				.doOnNext(i -> log.info("item {}", i)).sequential().blockLast(Duration.ofSeconds(30));
		assertThat(sink.awaitCount(before + 2_000, 30)).isTrue();
		// BlockHound is installed for this module (see BlockHoundActive below): reaching here means no blocking call
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> Mono.fromCallable(() -> {
			Thread.sleep(1);
			return 1;
		}).subscribeOn(Schedulers.parallel()).block()).hasMessageContaining("Blocking call");
	}
}
