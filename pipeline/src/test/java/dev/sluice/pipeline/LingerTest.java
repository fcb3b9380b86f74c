package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.PipelineTestSupport.CapturedStatus;
import dev.sluice.testkit.RecordingSink;

/**
 * {@link BufferSpec#linger()}: after a write, a sink's runner waits for more records, up to the
 * linger, so that records coming one by one are written together; a full batch, an ERROR record,
 * a flush and a shutdown end the wait. The linger here is the longest there is (10 s), so that a
 * wait nothing ended would outlast each test's bound.
 */
class LingerTest {

	private static final Duration BOUND = Duration.ofSeconds(8);

	private final CapturedStatus status = new CapturedStatus();
	private final RecordingSink rec = new RecordingSink();

	private Sluice lingering(int maxBatch) {
		BufferSpec buffer = BufferSpec.DEFAULT.withMaxBatch(maxBatch).withLinger(BufferSpec.MAX_LINGER);
		return PipelineTestSupport.quiet(status).plan(RoutingPlan.builder().root(LoggerSpec.of(Level.INFO, "rec"))
				.handler(HandlerSpec.ofSink("rec", rec).withBuffer(buffer)).build()).build();
	}

	/** Logs one record and waits for its write: the runner lingers from then on. */
	private void firstWrite(Sluice sluice) throws InterruptedException {
		sluice.logger("app").info("first");
		assertThat(rec.awaitCount(1, 60)).isTrue();
	}

	@Test
	void recordsAfterAWriteWaitForTheLingerAndAFlushEndsIt() throws Exception {
		try (Sluice sluice = lingering(1_024)) {
			firstWrite(sluice);
			for (int i = 0; i < 5; i++) {
				sluice.logger("app").info("r {}", i);
			}
			PipelineTestSupport.awaitReceived(sluice, 6, "rec");
			assertThat(rec.size()).as("held while the runner lingers").isEqualTo(1);

			sluice.flush().block(BOUND);

			assertThat(rec.size()).isEqualTo(6);
			assertThat(rec.batches()).as("the five written together").isEqualTo(2);
		}
	}

	@Test
	void anErrorRecordEndsTheLinger() throws Exception {
		try (Sluice sluice = lingering(1_024)) {
			firstWrite(sluice);
			sluice.logger("app").info("a");
			sluice.logger("app").info("b");
			sluice.logger("app").error("c");
			assertThat(rec.awaitCount(4, BOUND.toSeconds())).isTrue();
			assertThat(rec.batches()).isEqualTo(2);
			assertThat(rec.records().get(3).level()).isEqualTo(Level.ERROR);
		}
	}

	@Test
	void aFullBatchEndsTheLinger() throws Exception {
		try (Sluice sluice = lingering(4)) {
			firstWrite(sluice);
			for (int i = 0; i < 4; i++) {
				sluice.logger("app").info("r {}", i);
			}
			assertThat(rec.awaitCount(5, BOUND.toSeconds())).isTrue();
			assertThat(rec.batches()).isEqualTo(2);
		}
	}

	@Test
	void aShutdownEndsTheLingerAndDeliversEverything() throws Exception {
		Sluice sluice = lingering(1_024);
		firstWrite(sluice);
		for (int i = 0; i < 3; i++) {
			sluice.logger("app").info("r {}", i);
		}
		PipelineTestSupport.awaitReceived(sluice, 4, "rec");
		long start = System.nanoTime();
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
		assertThat(rec.size()).isEqualTo(4);
		assertThat(report.sinks().get("rec").delivered()).isEqualTo(4);
		assertThat(rec.closed()).isTrue();
	}

	@Test
	void aLingerOutOfRangeIsRefused() {
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> BufferSpec.DEFAULT.withLinger(Duration.ofSeconds(11)))
				.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linger must be from 0 to 10 s");
		assertThat(BufferSpec.DEFAULT.linger()).isZero();
	}
}
