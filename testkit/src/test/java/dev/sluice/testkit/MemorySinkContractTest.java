package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.console.MemorySinkProvider;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import dev.sluice.pipeline.sink.options.SinkOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Python's MemoryHandler keeps the sink contract. It delivers nothing itself: every record is
 * handed to its {@code target} (counted as this handler's fallback, the target accounts for it), so
 * what its own destination holds is what it counted delivered, none; the records the target got are
 * checked beside the contract.
 */
class MemorySinkContractTest extends SinkContract {

	private final AtomicLong handedOn = new AtomicLong();

	@Override
	protected SinkEnvironment environment() {
		return new SinkEnvironment(Clock.systemUTC(), StatusLogger.stderr(), java.nio.file.Path.of("."),
				new SimpleMeterRegistry(), target -> records -> handedOn.addAndGet(records.size()));
	}

	@Override
	protected Sink newSink(SinkEnvironment environment) {
		SinkSpec spec = new SinkSpec("contract", "logging.handlers.MemoryHandler",
				SinkOptions.of(Map.of("capacity", 100, "target", "file")), (r, out) -> out.append(r.message()),
				environment);
		return new MemorySinkProvider().create(spec);
	}

	@Override
	protected long stored() {
		return 0;
	}

	@Test
	void theTargetGetsEveryRecordByCloseAtTheLatest() {
		Sink sink = newSink(environment());
		List<LogRecord> records = List.of(record(0), record(1), record(2));
		Batch b = new Batch(records);
		sink.write(b).block(Duration.ofSeconds(10));
		assertThat(b.fallbackCount()).isEqualTo(3);
		assertThat(handedOn).as("held below capacity and flushLevel").hasValue(0);
		sink.close().block(Duration.ofSeconds(10));
		assertThat(handedOn).as("handed on at close (flushOnClose)").hasValue(3);
		Batch error = new Batch(List.of(LogRecord.builder(Level.ERROR, "contract", "boom").build()));
		Sink another = newSink(environment());
		another.write(error).block(Duration.ofSeconds(10));
		assertThat(handedOn).as("a record at flushLevel hands on at once").hasValue(4);
	}
}
