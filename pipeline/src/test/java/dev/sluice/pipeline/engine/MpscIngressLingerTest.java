package dev.sluice.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The drain thread's nap: with an hour-long linger, ordinary records wait for it, while an ERROR,
 * a wake (flush, plan switch), a burst and close end it at once. Nothing here depends on
 * timing but the one-hour nap, which no test outlasts.
 */
class MpscIngressLingerTest {

	private static final long HOUR = TimeUnit.HOURS.toNanos(1);

	private final BlockingQueue<LogRecord> delivered = new LinkedBlockingQueue<>();
	private MpscIngress ingress;

	private MpscIngress start(int capacity) {
		ingress = new MpscIngress(capacity, HOUR, HOUR, "linger-test");
		ingress.start(new MpscIngress.BatchConsumer() {
			@Override
			public void batch(List<LogRecord> batch) {
				delivered.addAll(batch);
			}

			@Override
			public void completed() {
			}

			@Override
			public void failed(Throwable error) {
			}
		});
		return ingress;
	}

	/** Waits until the drain thread naps (it does at once: its estimate of the record gap starts at 1 s). */
	private void awaitNap() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!ingress.napping()) {
			assertThat(System.nanoTime() - deadline).as("the drain thread naps").isNegative();
			Thread.sleep(1);
		}
	}

	@AfterEach
	void close() {
		if (ingress != null) {
			ingress.close();
		}
	}

	private static LogRecord record(Level level, String message) {
		return LogRecord.builder(level, "t", message).build();
	}

	private LogRecord next() throws InterruptedException {
		LogRecord r = delivered.poll(30, TimeUnit.SECONDS);
		assertThat(r).as("a record handed on").isNotNull();
		return r;
	}

	@Test
	void anErrorEndsTheNapAndTakesTheHeldRecordsAlong() throws Exception {
		start(1024);
		awaitNap();
		LogRecord info = record(Level.INFO, "held");
		ingress.offer(info);
		assertThat(delivered.poll(200, TimeUnit.MILLISECONDS)).as("held during the nap").isNull();
		LogRecord error = record(Level.ERROR, "at once");
		ingress.offer(error);
		assertThat(next()).isSameAs(info);
		assertThat(next()).isSameAs(error);
	}

	@Test
	void aWakeEndsTheNap() throws Exception {
		start(1024);
		awaitNap();
		LogRecord info = record(Level.INFO, "held");
		ingress.offer(info);
		assertThat(delivered.poll(200, TimeUnit.MILLISECONDS)).isNull();
		ingress.wake();
		assertThat(next()).isSameAs(info);
	}

	@Test
	void aBurstEndsTheNap() throws Exception {
		start(1024);
		awaitNap();
		int burst = MpscIngress.NAP_RECORDS + 1;
		for (int i = 0; i < burst; i++) {
			ingress.offer(record(Level.DEBUG, "r" + i));
		}
		for (int i = 0; i < burst; i++) {
			assertThat(next().message()).isEqualTo("r" + i);
		}
	}

	@Test
	void closeEndsTheNapAndDrains() throws Exception {
		start(1024);
		ingress.offer(record(Level.INFO, "last"));
		ingress.close();
		assertThat(next().message()).isEqualTo("last");
		ingress = null;
	}

	@Test
	void aZeroLingerNeverHolds() throws Exception {
		ingress = new MpscIngress(1024, HOUR, 0, "linger-test");
		ingress.start(new MpscIngress.BatchConsumer() {
			@Override
			public void batch(List<LogRecord> batch) {
				delivered.addAll(batch);
			}

			@Override
			public void completed() {
			}

			@Override
			public void failed(Throwable error) {
			}
		});
		for (int i = 0; i < 3; i++) {
			ingress.offer(record(Level.INFO, "r" + i));
			assertThat(next().message()).isEqualTo("r" + i);
		}
	}
}
