package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.SinkReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import reactor.core.publisher.Hooks;

/**
 * The contract every {@link Sink} keeps, as one JUnit 5 suite (as JCTools has one suite for every
 * queue): extend it, say how to make the sink and how many records its destination holds, and
 * every sink of the project, and yours, is held to the same rules:
 * <ul>
 * <li>every record of a batch is delivered once, or counted with a reason (dropped, handed to a
 * fallback): in a real pipeline, what the sink received equals what it settled, and its
 * destination holds exactly what it counted as delivered;</li>
 * <li>{@code close()} drains: what a write accepted is in the destination once close completes;</li>
 * <li>a batch marked urgent is not held: its write completes within a bound;</li>
 * <li>a write that fails is counted, not thrown through to the pipeline (when the subclass can
 * break the destination, {@link #breakDestination()});</li>
 * <li>a write never blocks a Reactor non-blocking thread: run the suite with BlockHound installed
 * (its JUnit platform integration), and a blocking call on such a thread fails the write, which
 * the first rule then catches; errors Reactor drops are caught here too.</li>
 * </ul>
 * Subclasses are ordinary test classes; each test makes its own sink.
 */
public abstract class SinkContract {

	private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

	/** A new sink writing to an empty destination, made in {@code environment}. */
	protected abstract Sink newSink(SinkEnvironment environment) throws Exception;

	/** How many records the destination of the last sink made holds now (lines of a file, stored events...). */
	protected abstract long stored() throws Exception;

	/**
	 * Makes the destination of the last sink made refuse writes (a read-only directory, a service
	 * that answers 500); sinks whose destination cannot be broken from a test leave it as it is,
	 * and the failure rule is skipped for them.
	 */
	protected void breakDestination() throws Exception {
		Assumptions.abort("this sink's destination cannot be broken from a test");
	}

	/** How many records the pipeline test logs (default 5,000). */
	protected int records() {
		return 5_000;
	}

	/** The environment sinks are made in (default: the default one). */
	protected SinkEnvironment environment() {
		return SinkEnvironment.defaults();
	}

	/**
	 * A record as the contract writes it straight to a sink: {@code contract record N} at INFO.
	 * Sinks that take only some records (an event log takes event records) override it and
	 * {@link #log} together.
	 */
	protected LogRecord record(int n) {
		return LogRecord.builder(Level.INFO, "contract", "contract record " + n)
				.time(Instant.parse("2026-11-23T12:00:00Z").plusMillis(n)).thread("contract", 1).build();
	}

	/** Logs record {@code n} through a pipeline's logger, as {@link #record} makes it. */
	protected void log(Logger logger, int n) {
		logger.info("contract record {}", n);
	}

	private Batch batch(int from, int count) {
		List<LogRecord> list = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			list.add(record(from + i));
		}
		return new Batch(list);
	}

	@AfterEach
	final void resetHooks() {
		Hooks.resetOnErrorDropped();
	}

	@Test
	final void everyRecordIsDeliveredOnceOrCountedWithAReason() throws Exception {
		Hooks.onErrorDropped(dropped::add);
		SinkEnvironment env = environment();
		Sink sink = newSink(env);
		Sluice sluice = Sluice.builder().shutdownHook(false).status(env.status())
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("contract", sink))
						.root(LoggerSpec.of(Level.INFO, "contract")).build()).build();
		int n = records();
		for (int i = 0; i < n; i++) {
			log(sluice.logger("contract"), i);
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(60)).block(Duration.ofSeconds(120));
		SinkReport s = report.sink("contract");
		assertThat(report.ingressDropped()).as("dropped before routing").isEmpty();
		assertThat(s.received()).as("received").isEqualTo(n);
		assertThat(s.delivered() + s.dropped() + s.fallback() + s.filtered()).as("settled: %s", s).isEqualTo(n);
		assertThat(s.droppedByReason()).as("a write failed or blocked a Reactor thread").doesNotContainKey("sink_error");
		assertThat(stored()).as("the destination holds what was counted delivered").isEqualTo(s.delivered());
		assertThat(dropped).as("errors Reactor dropped (a blocking call on a non-blocking thread...)").isEmpty();
	}

	@Test
	final void closeDrainsWhatAWriteAccepted() throws Exception {
		Sink sink = newSink(environment());
		Batch b = batch(0, 100);
		sink.write(b).block(Duration.ofSeconds(60));
		sink.close().block(Duration.ofSeconds(60));
		assertThat(stored()).isEqualTo(b.size() - b.droppedCount() - b.fallbackCount());
	}

	@Test
	final void aBatchMarkedUrgentIsNotHeld() throws Exception {
		Sink sink = newSink(environment());
		Batch b = batch(0, 10);
		b.markUrgent();
		// a sink may hold a write to group records, never an urgent one: a bound far below any grouping window
		sink.write(b).block(Duration.ofSeconds(30));
		sink.close().block(Duration.ofSeconds(60));
		assertThat(stored()).isEqualTo(b.size() - b.droppedCount() - b.fallbackCount());
	}

	@Test
	final void aWriteThatFailsIsCountedNotThrownThrough() throws Exception {
		SinkEnvironment env = environment();
		Sink sink = newSink(env);
		breakDestination();
		Sluice sluice = Sluice.builder().shutdownHook(false).status(env.status())
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("contract", sink))
						.root(LoggerSpec.of(Level.INFO, "contract")).build()).build();
		for (int i = 0; i < 100; i++) {
			log(sluice.logger("contract"), i);
		}
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(60)).block(Duration.ofSeconds(120));
		SinkReport s = report.sink("contract");
		assertThat(s.delivered() + s.dropped() + s.fallback() + s.filtered()).as("settled: %s", s).isEqualTo(100);
		assertThat(s.dropped() + s.fallback()).as("the broken destination took nothing").isEqualTo(100);
	}
}
