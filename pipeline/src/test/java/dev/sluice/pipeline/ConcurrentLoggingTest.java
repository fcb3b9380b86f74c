package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import dev.sluice.testkit.RecordingSink;

class ConcurrentLoggingTest {

	@Test
	void eightThreadsMillionRecordsEachDeliveredOnceInOrderPerThread() throws Exception {
		int threads = 8;
		int perThread = 125_000;
		RecordingSink sink = new RecordingSink();
		PipelineTestSupport.CapturedStatus status = new PipelineTestSupport.CapturedStatus();
		// Bounded everywhere; sized so that this burst fits, since the assertion is "no loss".
		RoutingPlan plan = RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("counting", sink).withBuffer(BufferSpec.DEFAULT.withCapacity(1 << 20)))
				.root(LoggerSpec.of(Level.INFO, "counting"))
				.build();
		Sluice sluice = PipelineTestSupport.quiet(status).ingressCapacity(1 << 20).plan(plan).build();
		Logger log = sluice.logger("load.test");
		CountDownLatch start = new CountDownLatch(1);
		Thread[] workers = new Thread[threads];
		for (int t = 0; t < threads; t++) {
			int id = t;
			workers[t] = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException e) {
					return;
				}
				for (int i = 0; i < perThread; i++) {
					log.info("record {} {}", id, i);
				}
			}, "producer-" + t);
			workers[t].start();
		}
		start.countDown();
		for (Thread w : workers) {
			w.join();
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(60)).block();

		assertThat(report.ingressDropped()).isEmpty();
		assertThat(report.accepted()).isEqualTo(threads * perThread);
		List<LogRecord> records = sink.records();
		assertThat(records).hasSize(threads * perThread);
		Map<Integer, Integer> next = new HashMap<>();
		long lastSequence = -1;
		for (LogRecord r : records) {
			int id = (Integer) r.arguments()[0];
			int i = (Integer) r.arguments()[1];
			assertThat(i).as("thread %s order", id).isEqualTo(next.getOrDefault(id, 0));
			next.put(id, i + 1);
			assertThat(r.threadName()).isEqualTo("producer-" + id);
			assertThat(r.sequence()).isGreaterThan(lastSequence);
			lastSequence = r.sequence();
		}
		assertThat(next.values()).allMatch(n -> n == perThread);
		assertThat(report.sink("counting").delivered()).isEqualTo(threads * perThread);
		assertThat(report.sink("counting").dropped()).isZero();
		assertThat(sink.closed()).isTrue();
	}
}
