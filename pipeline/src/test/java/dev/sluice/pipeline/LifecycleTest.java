package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.testkit.BlockingSink;
import dev.sluice.testkit.RecordingSink;
import reactor.core.publisher.Mono;

class LifecycleTest {

	@Test
	void shutdownDeliversEverythingAcceptedAndCountsLateRecords() {
		RecordingSink sink = new RecordingSink();
		PipelineTestSupport.CapturedStatus status = new PipelineTestSupport.CapturedStatus();
		Sluice sluice = PipelineTestSupport.quiet(status)
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("rec", sink)
						.withBuffer(BufferSpec.DEFAULT.withCapacity(1 << 17)))
						.root(LoggerSpec.of(Level.DEBUG, "rec")).build())
				.build();
		Logger log = sluice.logger("app");
		for (int i = 0; i < 50_000; i++) {
			log.debug("r{}", i);
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block();
		assertThat(report.deadlineReached()).isFalse();
		assertThat(report.accepted()).isEqualTo(50_000);
		assertThat(report.sink("rec").delivered()).isEqualTo(50_000);
		assertThat(sink.size()).isEqualTo(50_000);
		assertThat(sink.closed()).isTrue();

		log.warn("too late");
		assertThat(status.text()).contains("logged after shutdown").contains("too late");
		assertThat(sluice.ingressDropped()).containsEntry(DropReasons.AFTER_SHUTDOWN, 1L);
		assertThat(sluice.shutdown(Duration.ofSeconds(1)).block()).isSameAs(report);
	}

	@Test
	void deadlineCountsWhatAStuckSinkStillHolds() throws Exception {
		BlockingSink stuck = new BlockingSink();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus())
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("stuck", stuck)
						.withBuffer(BufferSpec.DEFAULT.withMaxBatch(10)))
						.root(LoggerSpec.of(Level.INFO, "stuck")).build())
				.build();
		Logger log = sluice.logger("app");
		log.info("first");
		stuck.awaitStuck();
		for (int i = 0; i < 99; i++) {
			log.info("r{}", i);
		}
		ShutdownReport report = sluice.shutdown(Duration.ofMillis(200)).block();
		assertThat(report.deadlineReached()).isTrue();
		SinkReport s = report.sink("stuck");
		assertThat(s.received()).isEqualTo(100);
		assertThat(s.delivered()).isZero();
		assertThat(s.droppedByReason()).containsEntry(DropReasons.SHUTDOWN_DEADLINE, 100L);
		stuck.release();
	}

	@Test
	void reloadKeepsUnchangedSinksAndLosesNothing() throws Exception {
		RecordingSink kept = new RecordingSink();
		AtomicInteger made = new AtomicInteger();
		RecordingSink[] versions = {new RecordingSink(), new RecordingSink()};
		HandlerSpec keptSpec = HandlerSpec.ofSink("kept", kept).withBuffer(BufferSpec.DEFAULT.withCapacity(1 << 18));
		RoutingPlan v1 = RoutingPlan.builder().handler(keptSpec)
				.handler(HandlerSpec.of("moving", () -> versions[made.getAndIncrement()]).withIdentity("file-a")
						.withBuffer(BufferSpec.DEFAULT.withCapacity(1 << 18)))
				.root(LoggerSpec.of(Level.INFO, "kept", "moving")).build();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).plan(v1).build();
		Logger log = sluice.logger("app");
		Thread producer = new Thread(() -> {
			for (int i = 0; i < 100_000; i++) {
				log.info("r{}", i);
			}
		});
		producer.start();
		RoutingPlan v2 = v1.toBuilder()
				.handler(HandlerSpec.of("moving", () -> versions[made.getAndIncrement()]).withIdentity("file-b")
						.withBuffer(BufferSpec.DEFAULT.withCapacity(1 << 18)))
				.build();
		sluice.apply(v2).block();
		producer.join();
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block();

		assertThat(made.get()).isEqualTo(2);
		assertThat(kept.size()).isEqualTo(100_000);
		assertThat(kept.closed()).isTrue();
		assertThat(versions[0].closed()).isTrue();
		// every record went to exactly one version of the moved sink, in order
		List<LogRecord> first = versions[0].records();
		List<LogRecord> second = versions[1].records();
		assertThat(first.size() + second.size()).isEqualTo(100_000);
		if (!first.isEmpty() && !second.isEmpty()) {
			assertThat(first.get(first.size() - 1).sequence()).isLessThan(second.get(0).sequence());
		}
		assertThat(report.sink("moving").delivered()).isEqualTo(100_000);
	}

	@Test
	void overflowPoliciesCountEveryDropByReason() throws Exception {
		BlockingSink newest = new BlockingSink();
		BlockingSink oldest = new BlockingSink();
		BlockingSink threshold = new BlockingSink();
		RoutingPlan plan = RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("newest", newest).withBuffer(BufferSpec.DEFAULT.withCapacity(64).withMaxBatch(1)))
				.handler(HandlerSpec.ofSink("oldest", oldest).withBuffer(BufferSpec.DEFAULT.withCapacity(64).withMaxBatch(1)
						.withPolicy(OverflowPolicy.DROP_OLDEST)))
				.handler(HandlerSpec.ofSink("threshold", threshold).withBuffer(BufferSpec.DEFAULT.withCapacity(64)
						.withMaxBatch(1).withDiscardBelow(Level.WARNING, 0.5)))
				.root(LoggerSpec.of(Level.INFO, "newest", "oldest", "threshold")).build();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).plan(plan).build();
		Logger log = sluice.logger("app");
		log.info("first");
		newest.awaitStuck();
		oldest.awaitStuck();
		threshold.awaitStuck();
		for (int i = 0; i < 200; i++) {
			log.info("info {}", i);
		}
		log.warn("warning");
		PipelineTestSupport.awaitReceived(sluice, 202, "newest", "oldest", "threshold");
		newest.release();
		oldest.release();
		threshold.release();
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block();

		SinkReport n = report.sink("newest");
		assertThat(n.droppedByReason()).containsOnlyKeys(DropReasons.BUFFER_FULL);
		assertThat(n.delivered()).isEqualTo(65); // the stuck one and a full buffer
		SinkReport o = report.sink("oldest");
		assertThat(o.droppedByReason()).containsOnlyKeys(DropReasons.EVICTED);
		assertThat(o.delivered()).isEqualTo(65);
		SinkReport t = report.sink("threshold");
		assertThat(t.droppedByReason()).containsOnlyKeys(DropReasons.BELOW_THRESHOLD);
		assertThat(t.delivered()).isEqualTo(1 + 32 + 1); // stuck, INFO up to the half mark, the warning
		for (SinkReport s : report.sinks().values()) {
			assertThat(s.delivered() + s.dropped()).isEqualTo(202);
		}
	}

	@Test
	void recordsNobodyHandlesAtWarningGoToTheLastResort() {
		// the last resort prints the bare message, as Python's, through the status logger's bounded writer
		PipelineTestSupport.CapturedStatus status = new PipelineTestSupport.CapturedStatus();
		Sluice sluice = PipelineTestSupport.quiet(status).build();
		sluice.logger("nobody").warn("Bucket removed {}", "S3 Cloud/sc-bucketing");
		sluice.logger("nobody").info("not shown");
		sluice.shutdown(Duration.ofSeconds(10)).block();
		assertThat(status.text()).isEqualTo("Bucket removed S3 Cloud/sc-bucketing" + System.lineSeparator());
	}

	@Test
	void theShutdownDeadlineCountsFromTheLastProgressNotFromTheStart() {
		// 40 batches of one record at 50 ms each: 2 s of draining, with a deadline of 500 ms
		Sink slow = new Sink() {
			@Override
			public Mono<Void> write(Batch batch) {
				java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
				return Mono.empty();
			}
		};
		dev.sluice.testkit.BlockingSink hung = new dev.sluice.testkit.BlockingSink();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus())
				.plan(RoutingPlan.builder()
						.handler(HandlerSpec.ofSink("slow", slow).withBuffer(BufferSpec.LOSSLESS.withMaxBatch(1)))
						.handler(HandlerSpec.ofSink("hung", hung))
						.root(LoggerSpec.of(Level.INFO, "slow", "hung")).build()).build();
		for (int i = 0; i < 40; i++) {
			sluice.logger("a").info("r{}", i);
		}
		long start = System.nanoTime();
		ShutdownReport report = sluice.shutdown(Duration.ofMillis(500)).block(Duration.ofSeconds(60));
		hung.release();
		assertThat(report.sink("slow").delivered()).as("a slow sink that keeps progressing loses nothing").isEqualTo(40);
		assertThat(report.sink("hung").droppedByReason()).containsOnlyKeys(DropReasons.SHUTDOWN_DEADLINE);
		assertThat(report.sink("hung").dropped()).isEqualTo(40);
		assertThat(report.deadlineReached()).isTrue();
		assertThat(System.nanoTime() - start).as("the hung sink costs about one deadline").isLessThan(30_000_000_000L);
	}

	@Test
	void aSinkThatReportsPartialDropsIsAccountedExactly() {
		Sink halfDropping = new Sink() {
			@Override
			public Mono<Void> write(Batch batch) {
				batch.dropped(batch.size() / 2, "rejected_too_old");
				return Mono.empty();
			}
		};
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus())
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("half", halfDropping).withBuffer(
						BufferSpec.DEFAULT.withMaxBatch(10).withCapacity(4096)))
						.root(LoggerSpec.of(Level.INFO, "half")).build()).build();
		for (int i = 0; i < 1000; i++) {
			sluice.logger("a").info("x");
		}
		SinkReport s = sluice.shutdown(Duration.ofSeconds(10)).block().sink("half");
		assertThat(s.delivered() + s.dropped()).isEqualTo(1000);
		assertThat(s.droppedByReason()).containsOnlyKeys("rejected_too_old");
	}

	@Test
	void handoffDeliversToTheFallbackHandler() {
		RecordingSink fallback = new RecordingSink();
		Sluice[] holder = new Sluice[1];
		java.util.function.Consumer<List<LogRecord>>[] fallbackOf = new java.util.function.Consumer[1];
		Sink givingUp = new Sink() {
			@Override
			public Mono<Void> write(Batch batch) {
				fallbackOf[0].accept(batch.records());
				batch.handedToFallback(batch.size());
				return Mono.empty();
			}
		};
		holder[0] = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus())
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("remote", givingUp))
						.handler(HandlerSpec.ofSink("fallback", fallback).withLevel(Level.CRITICAL))
						.root(LoggerSpec.of(Level.INFO, "remote")).build()).build();
		fallbackOf[0] = holder[0].environment().handoff("fallback"); // resolved once, as a sink does when made
		for (int i = 0; i < 500; i++) {
			holder[0].logger("a").info("r{}", i);
		}
		ShutdownReport report = holder[0].shutdown(Duration.ofSeconds(10)).block();
		assertThat(fallback.size()).isEqualTo(500);
		assertThat(report.sink("fallback").delivered()).isEqualTo(500);
		assertThat(report.sink("remote").fallback()).isEqualTo(500);
		assertThat(report.sink("remote").dropped()).isZero();
		assertThat(report.droppedTotal()).isZero();
	}
}
