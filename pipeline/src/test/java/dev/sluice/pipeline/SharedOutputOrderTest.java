package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import reactor.core.publisher.Mono;

/**
 * Sinks writing to one output (two stream handlers on {@code sys.stderr}) write in CPython's order:
 * record after record and, for one record, handler after handler along its route, whatever the
 * loggers, levels and handlers' speeds. Each keeps its own accounting.
 */
class SharedOutputOrderTest {

	private static final Object OUTPUT = new Object();

	/** Writes "name:message" lines into an output it shares with the other sinks of the test. */
	private static class LineSink implements Sink {
		private final String name;
		private final List<String> output;
		private final boolean slow;

		LineSink(String name, List<String> output, boolean slow) {
			this.name = name;
			this.output = output;
			this.slow = slow;
		}

		@Override
		public Mono<Void> write(Batch batch) {
			for (LogRecord r : batch.records()) {
				if (slow) {
					LockSupport.parkNanos(20_000); // a slower handler: its thread must not let the other one pass
				}
				output.add(name + ":" + r.message());
			}
			return Mono.empty();
		}

		/** Compared by identity: the list's own equals would change as it fills. */
		@Override
		public Object sharedOutput() {
			return OUTPUT;
		}
	}

	@Test
	void handlersOnOneOutputWriteAsCPythonCallsThem() {
		List<String> output = Collections.synchronizedList(new ArrayList<>());
		// root: [a, b]; "app": [b] then propagates; "app.db": [a] then propagates: a record of app.db goes
		// to a, b, a, b (a handler on a logger and an ancestor writes twice, as in CPython)
		RoutingPlan plan = RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("a", new LineSink("a", output, true)))
				.handler(HandlerSpec.ofSink("b", new LineSink("b", output, false)).withLevel(Level.WARNING))
				.root(LoggerSpec.of(Level.DEBUG, "a", "b"))
				.logger("app", LoggerSpec.of(Level.NOTSET, "b"))
				.logger("app.db", LoggerSpec.of(Level.NOTSET, "a"))
				.build();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).plan(plan).build();
		String[] loggers = {"lib", "app", "app.db"};
		Level[] levels = {Level.INFO, Level.WARNING, Level.ERROR};
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 3_000; i++) {
			String logger = loggers[i % 3];
			Level level = levels[(i / 3) % 3];
			String message = logger + " " + i;
			sluice.logger(logger).log(level, message);
			List<String> route = switch (logger) {
				case "lib" -> List.of("a", "b");
				case "app" -> List.of("b", "a", "b");
				default -> List.of("a", "b", "a", "b");
			};
			for (String h : route) {
				if (h.equals("a") || level.value() >= Level.WARNING.value()) {
					expected.add(h + ":" + message);
				}
			}
		}
		sluice.shutdown(Duration.ofSeconds(30)).block();
		assertThat(output).containsExactlyElementsOf(expected);
		long toA = expected.stream().filter(l -> l.startsWith("a:")).count();
		assertThat(sluice.reports().get("a").delivered()).isEqualTo(toA);
		assertThat(sluice.reports().get("b").delivered()).isEqualTo(expected.size() - toA);
	}

	@Test
	void aReloadKeepsTheOrderAcrossTheSwitch() {
		List<String> output = Collections.synchronizedList(new ArrayList<>());
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).plan(twoOn(output)).build();
		List<String> expected = new ArrayList<>();
		for (int round = 1; round <= 3; round++) {
			for (int i = 0; i < 500; i++) {
				String message = round + "." + i;
				sluice.root().info(message);
				expected.add("a:" + message);
				expected.add("b:" + message);
			}
			if (round < 3) {
				// new sinks on the same output (records not routed yet go to them): no line out of order
				sluice.applyNow(twoOn(output));
			}
		}
		sluice.shutdown(Duration.ofSeconds(30)).block();
		assertThat(output).containsExactlyElementsOf(expected);
	}

	/**
	 * A lossless sink with a small buffer on a shared output: the router waits for it in the middle
	 * of a batch, and the shared thread writes what was routed before the record the router waits
	 * with (it never waits for the end of the batch), so nothing times out and nothing is dropped.
	 */
	@Test
	void aFullLosslessBufferOnASharedOutputNeitherDeadlocksNorDrops() {
		List<String> output = Collections.synchronizedList(new ArrayList<>());
		BufferSpec small = BufferSpec.LOSSLESS.withCapacity(4).withMaxBatch(2)
				.withBlockTimeout(Duration.ofSeconds(10));
		RoutingPlan plan = RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("a", new LineSink("a", output, true)).withBuffer(small))
				.handler(HandlerSpec.ofSink("b", new LineSink("b", output, false)).withBuffer(small))
				.root(LoggerSpec.of(Level.INFO, "a", "b"))
				.build();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).plan(plan).build();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			sluice.root().info("m" + i);
			expected.add("a:m" + i);
			expected.add("b:m" + i);
		}
		sluice.shutdown(Duration.ofSeconds(30)).block();
		assertThat(output).containsExactlyElementsOf(expected);
		assertThat(sluice.reports().get("a").dropped()).isZero();
		assertThat(sluice.reports().get("b").dropped()).isZero();
	}

	/**
	 * A sink on a shared output that throws costs its own records (counted, sink_error), never the
	 * other sink's, whose lines keep their order.
	 */
	@Test
	void aFailingSinkOnASharedOutputCostsOnlyItsOwnRecords() {
		List<String> output = Collections.synchronizedList(new ArrayList<>());
		Sink failing = new LineSink("a", output, false) {
			@Override
			public Mono<Void> write(Batch batch) {
				throw new IllegalStateException("disk on fire");
			}
		};
		RoutingPlan plan = RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("a", failing))
				.handler(HandlerSpec.ofSink("b", new LineSink("b", output, false)))
				.root(LoggerSpec.of(Level.INFO, "a", "b"))
				.build();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).plan(plan).build();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 1_000; i++) {
			sluice.root().info("m" + i);
			expected.add("b:m" + i);
		}
		sluice.shutdown(Duration.ofSeconds(30)).block();
		assertThat(output).containsExactlyElementsOf(expected);
		assertThat(sluice.reports().get("a").droppedByReason()).containsEntry(DropReasons.SINK_ERROR, 1_000L);
		assertThat(sluice.reports().get("b").delivered()).isEqualTo(1_000L);
	}

	/**
	 * A sink stuck in a write holds the output's thread (the other sinks of that output wait, as they
	 * would for the stream itself); a shutdown still ends at its deadline, counting what was left.
	 */
	@Test
	void aStuckSinkOnASharedOutputDoesNotHoldShutdownPastItsDeadline() throws Exception {
		List<String> output = Collections.synchronizedList(new ArrayList<>());
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		Sink stuck = new LineSink("a", output, false) {
			@Override
			public Mono<Void> write(Batch batch) {
				try {
					release.await();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
				return Mono.empty();
			}
		};
		RoutingPlan plan = RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("a", stuck))
				.handler(HandlerSpec.ofSink("b", new LineSink("b", output, false)))
				.root(LoggerSpec.of(Level.INFO, "a", "b"))
				.build();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).plan(plan).build();
		try {
			for (int i = 0; i < 100; i++) {
				sluice.root().info("m" + i);
			}
			ShutdownReport report = sluice.shutdown(Duration.ofMillis(500)).block(Duration.ofSeconds(30));
			assertThat(report).isNotNull();
			for (String name : List.of("a", "b")) {
				SinkReport r = sluice.reports().get(name);
				assertThat(r.delivered() + r.dropped()).as(name + ": every record delivered or counted").isEqualTo(100L);
			}
			assertThat(sluice.reports().get("a").droppedByReason()).containsKey(DropReasons.SHUTDOWN_DEADLINE);
		}
		finally {
			release.countDown();
		}
	}

	private static RoutingPlan twoOn(List<String> output) {
		return RoutingPlan.builder()
				.handler(HandlerSpec.ofSink("a", new LineSink("a", output, true)))
				.handler(HandlerSpec.ofSink("b", new LineSink("b", output, false)))
				.root(LoggerSpec.of(Level.INFO, "a", "b"))
				.build();
	}
}
