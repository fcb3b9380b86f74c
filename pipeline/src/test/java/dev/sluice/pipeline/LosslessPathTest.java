package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.testkit.BlockingSink;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The default full-ingress policy and the block policy of local sinks: plain threads lose nothing
 * through a tiny ingress, Reactor's non-blocking threads never wait (BlockHound is installed) and
 * their drops are counted, a slow lossless sink holds callers back while a stalled sink beside it
 * drops by its own policy.
 */
@Tag("fault-injection")
class LosslessPathTest {

	/**
	 * Checks that each producer's records arrive exactly once and in order (the template's
	 * arguments are the producer and its sequence number); counts them without keeping them.
	 */
	private static final class SequenceCheckingSink implements Sink {
		final long[] next;
		final AtomicLong received = new AtomicLong();
		final List<String> errors = new ArrayList<>();
		final long pauseNanosPerBatch;

		SequenceCheckingSink(int producers, long pauseNanosPerBatch) {
			this.next = new long[producers];
			this.pauseNanosPerBatch = pauseNanosPerBatch;
		}

		@Override
		public reactor.core.publisher.Mono<Void> write(Batch batch) {
			for (LogRecord r : batch.records()) {
				Object[] args = r.arguments();
				int producer = (Integer) args[0];
				long seq = (Long) args[1];
				if (seq != next[producer] && errors.size() < 10) {
					errors.add("producer " + producer + ": expected " + next[producer] + ", got " + seq);
				}
				next[producer] = seq + 1;
			}
			received.addAndGet(batch.size());
			if (pauseNanosPerBatch > 0) {
				LockSupport.parkNanos(pauseNanosPerBatch);
			}
			return reactor.core.publisher.Mono.empty();
		}
	}

	private static Sluice pipeline(int ingress, HandlerSpec... handlers) {
		RoutingPlan.Builder plan = RoutingPlan.builder();
		List<String> names = new ArrayList<>();
		for (HandlerSpec h : handlers) {
			plan.handler(h);
			names.add(h.name());
		}
		plan.root(LoggerSpec.of(Level.INFO, names.toArray(new String[0])));
		return PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).ingressCapacity(ingress)
				.plan(plan.build()).build();
	}

	private static void flood(Sluice sluice, int threads, long perThread) throws InterruptedException {
		List<Thread> ts = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Integer producer = t;
			Thread th = new Thread(() -> {
				Logger log = sluice.logger("flood.t" + producer);
				for (long i = 0; i < perThread; i++) {
					log.info("{} {}", producer, i);
				}
			}, "producer-" + t);
			ts.add(th);
			th.start();
		}
		for (Thread th : ts) {
			th.join();
		}
	}

	@Test
	void eightThreadsOfAMillionThroughAnIngressOf1024AreDeliveredExactlyOnce() throws Exception {
		int threads = 8;
		long perThread = 1_000_000;
		SequenceCheckingSink sink = new SequenceCheckingSink(threads, 0);
		Sluice sluice = pipeline(1_024, HandlerSpec.ofSink("check", sink).withBuffer(BufferSpec.LOSSLESS));
		flood(sluice, threads, perThread);
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(60)).block(Duration.ofSeconds(120));
		assertThat(report.ingressDropped()).isEmpty();
		assertThat(report.sink("check").dropped()).isZero();
		assertThat(sink.errors).isEmpty();
		assertThat(sink.received.get()).isEqualTo(threads * perThread);
		for (long n : sink.next) {
			assertThat(n).isEqualTo(perThread);
		}
	}

	@Test
	void reactorNonBlockingThreadsNeverWaitAndTheirDropsAreCounted() {
		int producers = 4;
		long perProducer = 200_000;
		// a slow sink: a tenth of a millisecond per batch of at most 64 keeps the tiny ingress full
		SequenceCheckingSink sink = new SequenceCheckingSink(producers, 100_000);
		Sluice sluice = pipeline(64,
				HandlerSpec.ofSink("slow", sink).withBuffer(BufferSpec.LOSSLESS.withCapacity(64).withMaxBatch(64)));
		// BlockHound (installed for this module's tests) fails any park, sleep or yield on these threads
		Flux.range(0, producers).parallel(producers).runOn(Schedulers.parallel()).doOnNext(p -> {
			Logger log = sluice.logger("parallel.p" + p);
			for (long i = 0; i < perProducer; i++) {
				log.info("{} {}", p, i);
			}
		}).sequential().blockLast(Duration.ofSeconds(120));
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(60)).block(Duration.ofSeconds(120));
		long dropped = report.ingressDropped().getOrDefault(DropReasons.INGRESS_FULL, 0L);
		assertThat(dropped).as("a flood from non-blocking threads into a slow sink drops at the ingress").isPositive();
		assertThat(report.ingressDropped()).containsOnlyKeys(DropReasons.INGRESS_FULL);
		assertThat(sink.received.get() + dropped).isEqualTo(producers * perProducer);
		assertThat(report.sink("slow").dropped()).isZero();
	}

	@Test
	void aSlowLosslessSinkHoldsCallersBackWhileAStalledSinkBesideItDrops() throws Exception {
		SequenceCheckingSink slow = new SequenceCheckingSink(2, 200_000);
		BlockingSink stalled = new BlockingSink();
		Sluice sluice = pipeline(256,
				HandlerSpec.ofSink("slow", slow).withBuffer(BufferSpec.LOSSLESS.withCapacity(256).withMaxBatch(128)),
				HandlerSpec.ofSink("stalled", stalled).withBuffer(BufferSpec.DEFAULT.withCapacity(256)));
		long perThread = 100_000;
		flood(sluice, 2, perThread);
		Map<String, SinkReport> during = sluice.reports();
		stalled.release();
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(60)).block(Duration.ofSeconds(120));
		assertThat(report.ingressDropped()).isEmpty();
		assertThat(slow.errors).isEmpty();
		assertThat(slow.received.get()).as("the slow file-like sink gets every record").isEqualTo(2 * perThread);
		assertThat(during.get("stalled").droppedByReason()).containsOnlyKeys(DropReasons.BUFFER_FULL);
		SinkReport s = report.sink("stalled");
		assertThat(s.delivered() + s.dropped()).isEqualTo(2 * perThread);
	}

	@Test
	void aStalledLosslessSinkCostsTheOthersOneBlockTimeoutThenDropsUntilItMoves() throws Exception {
		SequenceCheckingSink fast = new SequenceCheckingSink(1, 0);
		BlockingSink stalled = new BlockingSink();
		Sluice sluice = pipeline(1_024, HandlerSpec.ofSink("fast", fast).withBuffer(BufferSpec.LOSSLESS),
				HandlerSpec.ofSink("stalled", stalled).withBuffer(BufferSpec.LOSSLESS.withCapacity(16).withMaxBatch(1)
						.withBlockTimeout(Duration.ofMillis(200))));
		flood(sluice, 1, 100_000);
		stalled.awaitStuck();
		Map<String, SinkReport> before = sluice.reports();
		PipelineTestSupport.awaitReceived(sluice, 100_000, "fast");
		stalled.release();
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(60)).block(Duration.ofSeconds(120));
		assertThat(report.ingressDropped()).isEmpty();
		assertThat(fast.received.get()).isEqualTo(100_000);
		SinkReport s = report.sink("stalled");
		assertThat(s.droppedByReason()).containsOnlyKeys(DropReasons.BLOCK_TIMEOUT);
		assertThat(s.delivered() + s.dropped()).isEqualTo(100_000);
		assertThat(before.get("stalled").received()).isPositive();
	}
}
