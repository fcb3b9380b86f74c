package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.sluice.pipeline.PipelineTestSupport.CapturedStatus;
import dev.sluice.testkit.BlockingSink;
import dev.sluice.testkit.FailingSink;
import dev.sluice.testkit.RecordingSink;

/** {@link Sluice#flush()}: a barrier that completes once what was logged before it is settled everywhere. */
class FlushTest {

	private final CapturedStatus status = new CapturedStatus();

	@Test
	void completesAtOnceWhenNothingWasLogged() {
		try (Sluice sluice = PipelineTestSupport.quiet(status).plan(RoutingPlan.builder()
				.root(LoggerSpec.of(Level.INFO, "rec")).handler(HandlerSpec.ofSink("rec", new RecordingSink())).build())
				.build()) {
			StepVerifier.create(sluice.flush()).expectComplete().verify(Duration.ofSeconds(30));
		}
	}

	@Test
	void waitsForTheSlowestSinkThenEveryRecordIsSettled() throws Exception {
		BlockingSink slow = new BlockingSink();
		RecordingSink fast = new RecordingSink();
		try (Sluice sluice = PipelineTestSupport.quiet(status).plan(RoutingPlan.builder()
				.root(LoggerSpec.of(Level.INFO, "slow", "fast")).handler(HandlerSpec.ofSink("slow", slow))
				.handler(HandlerSpec.ofSink("fast", fast)).build()).build()) {
			for (int i = 0; i < 100; i++) {
				sluice.logger("app").info("r {}", i);
			}
			slow.awaitStuck();
			CompletableFuture<Void> flushed = sluice.flush().toFuture();
			// The fast sink gets everything while the slow one is stuck; the barrier must still wait.
			assertThat(fast.awaitCount(100, 60)).isTrue();
			assertThat(flushed).isNotDone();
			slow.release();
			flushed.get(60, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(slow.written()).isEqualTo(100);
			SinkReport r = sluice.reports().get("slow");
			assertThat(r.delivered()).isEqualTo(100);
		}
	}

	@Test
	void recordsCountedAsDroppedAreSettledToo() {
		FailingSink failing = new FailingSink(false);
		try (Sluice sluice = PipelineTestSupport.quiet(status).plan(RoutingPlan.builder()
				.root(LoggerSpec.of(Level.INFO, "bad")).handler(HandlerSpec.ofSink("bad", failing)).build()).build()) {
			for (int i = 0; i < 50; i++) {
				sluice.logger("app").info("r {}", i);
			}
			StepVerifier.create(sluice.flush()).expectComplete().verify(Duration.ofSeconds(60));
			assertThat(sluice.reports().get("bad").dropped()).isEqualTo(50);
		}
	}
}
