package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.console.ConsoleSink;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.testkit.RecordingSink;
import reactor.core.publisher.Mono;

/**
 * One bad record costs that record, never the router, a runner or the batch: a failure is injected
 * at each stage, then 10,000 more records are logged and every one of them is delivered.
 */
@Tag("fault-injection")
class FaultIsolationTest {

	private static final int AFTER = 10_000;

	/** An argument whose toString() throws. */
	private static final Object BROKEN = new Object() {
		@Override
		public String toString() {
			throw new IllegalStateException("broken toString");
		}
	};

	private static RoutingPlan.Builder oneSink(String name, Sink sink) {
		return RoutingPlan.builder().handler(HandlerSpec.ofSink(name, sink)).root(LoggerSpec.of(Level.INFO, name));
	}

	/** Runs {@code inject} against a pipeline of {@code plan}, then logs 10,000 records; returns the report. */
	private static ShutdownReport injectThenLog(RoutingPlan plan, Consumer<Logger> inject,
			PipelineTestSupport.CapturedStatus status) {
		Sluice sluice = PipelineTestSupport.quiet(status).plan(plan).build();
		Logger log = sluice.logger("faults");
		inject.accept(log);
		for (int i = 0; i < AFTER; i++) {
			log.info("after {}", i);
		}
		return sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
	}

	@Test
	void aNullMessageIsTheTextNull() {
		RecordingSink sink = new RecordingSink();
		ShutdownReport report = injectThenLog(oneSink("rec", sink).build(), log -> {
			log.warn((String) null);
			log.error(new RuntimeException().getMessage(), 1, 2);
			log.atError().log(null);
		}, new PipelineTestSupport.CapturedStatus());
		assertThat(report.sink("rec").delivered()).isEqualTo(AFTER + 3);
		assertThat(sink.records().subList(0, 3)).extracting(LogRecord::message).containsExactly("null", "null", "null");
		assertThat(report.ingressDropped()).isEmpty();
	}

	@Test
	void aThrowingToStringIsMarkedAndTheRestOfTheLineKept() {
		RecordingSink sink = new RecordingSink();
		Object[] brokenArray = {"ok", BROKEN};
		ShutdownReport report = injectThenLog(oneSink("rec", sink).build(), log -> {
			log.info("a={} b={}", BROKEN, "fine");
			log.info("arr={} end", (Object) brokenArray);
		}, new PipelineTestSupport.CapturedStatus());
		assertThat(report.sink("rec").delivered()).isEqualTo(AFTER + 2);
		assertThat(sink.records().get(0).message()).isEqualTo("a=[FAILED toString()] b=fine");
		assertThat(sink.records().get(1).message()).isEqualTo("arr=[FAILED toString()] end");
	}

	@Test
	void aThrowingLoggerFilterRejectsOnlyTheRecordsItFailsOn() {
		RecordingSink sink = new RecordingSink();
		RecordFilter poison = r -> {
			if (r.message().contains("poison")) {
				throw new IllegalStateException("filter bug");
			}
			return true;
		};
		PipelineTestSupport.CapturedStatus status = new PipelineTestSupport.CapturedStatus();
		ShutdownReport report = injectThenLog(oneSink("rec", sink).logger("faults",
				LoggerSpec.INHERIT.withFilters(List.of(poison))).build(), log -> log.info("poison"), status);
		assertThat(report.sink("rec").delivered()).isEqualTo(AFTER);
		assertThat(status.text()).contains("filter failed");
	}

	@Test
	void aThrowingHandlerFilterCostsOneRecord() {
		RecordingSink sink = new RecordingSink();
		RecordFilter poison = r -> {
			if (r.message().contains("poison")) {
				throw new StackOverflowError("filter bug");
			}
			return true;
		};
		ShutdownReport report = injectThenLog(RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("rec", sink).withFilters(List.of(poison)))
				.root(LoggerSpec.of(Level.INFO, "rec")).build(), log -> log.info("poison"),
				new PipelineTestSupport.CapturedStatus());
		assertThat(report.sink("rec").delivered()).isEqualTo(AFTER);
		assertThat(report.sink("rec").filtered()).isEqualTo(1);
	}

	@Test
	void aThrowingLayoutCostsOneRecordOfTheBatch() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PipelineTestSupport.CapturedStatus status = new PipelineTestSupport.CapturedStatus();
		dev.sluice.pipeline.sink.Layout layout = (r, sb) -> {
			sb.append("partial ");
			if (r.message().contains("poison")) {
				throw new IllegalArgumentException("layout bug");
			}
			sb.append(r.message());
		};
		ShutdownReport report = injectThenLog(oneSink("console",
				new ConsoleSink(out, layout, "\n", StandardCharsets.UTF_8, status.logger)).build(), log -> {
					log.info("before");
					log.info("poison");
				}, status);
		SinkReport console = report.sink("console");
		assertThat(console.delivered()).isEqualTo(AFTER + 1);
		assertThat(console.droppedByReason()).containsEntry(DropReasons.FORMAT_ERROR, 1L);
		String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
		assertThat(lines).hasSize(AFTER + 1);
		assertThat(lines[0]).isEqualTo("partial before");
		assertThat(lines[1]).isEqualTo("partial after 0");
		assertThat(status.text()).contains("format_error");
	}

	/** Throws from write() when the batch holds a poisoned record: an exception or an Error. */
	private static final class PoisonedSink implements Sink {
		final RecordingSink delegate = new RecordingSink();
		final Throwable failure;

		PoisonedSink(Throwable failure) {
			this.failure = failure;
		}

		@Override
		public Mono<Void> write(Batch batch) {
			for (LogRecord r : batch.records()) {
				if (r.message().contains("poison")) {
					if (failure instanceof Error) {
						throw (Error) failure;
					}
					throw (RuntimeException) failure;
				}
			}
			return delegate.write(batch);
		}
	}

	@Test
	void aSinkThrowingOnOneRecordCostsThatRecordNotTheBatch() {
		PoisonedSink sink = new PoisonedSink(new IllegalStateException("cannot encode"));
		PipelineTestSupport.CapturedStatus status = new PipelineTestSupport.CapturedStatus();
		Sluice sluice = PipelineTestSupport.quiet(status).plan(oneSink("poisoned", sink).build()).build();
		Logger log = sluice.logger("faults");
		for (int i = 0; i < AFTER; i++) {
			log.info(i == 5_000 ? "poison" : "record {}", i);
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
		assertThat(report.sink("poisoned").delivered()).isEqualTo(AFTER - 1);
		assertThat(report.sink("poisoned").droppedByReason()).containsExactly(java.util.Map.entry(DropReasons.SINK_ERROR, 1L));
		assertThat(sink.delegate.size()).isEqualTo(AFTER - 1);
		assertThat(status.text()).contains("cannot encode");
	}

	@Test
	void aSinkThrowingAnErrorKeepsItsRunnerAlive() {
		PoisonedSink sink = new PoisonedSink(new AssertionError("sink bug"));
		ShutdownReport report = injectThenLog(oneSink("poisoned", sink).build(), log -> log.info("poison"),
				new PipelineTestSupport.CapturedStatus());
		assertThat(report.sink("poisoned").delivered()).isEqualTo(AFTER);
		assertThat(report.sink("poisoned").dropped()).isEqualTo(1);
		assertThat(sink.delegate.size()).isEqualTo(AFTER);
	}

	@Test
	void theLastResortOfANullMessageDoesNotStopTheRouter() {
		RecordingSink sink = new RecordingSink();
		PipelineTestSupport.CapturedStatus status = new PipelineTestSupport.CapturedStatus();
		// "orphan" has no handler (propagate off): Python's last resort prints its warnings
		RoutingPlan plan = oneSink("rec", sink).logger("orphan", LoggerSpec.of(Level.INFO).withPropagate(false)).build();
		ShutdownReport report = injectThenLog(plan, log -> log.warn(null), status);
		assertThat(report.sink("rec").delivered()).isEqualTo(AFTER + 1);
		Sluice second = PipelineTestSupport.quiet(status).plan(plan).build();
		second.logger("orphan").warn((String) null);
		second.logger("orphan").warn("last {}", "resort");
		second.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
		assertThat(status.text()).contains("null\nlast resort\n");
	}
}
