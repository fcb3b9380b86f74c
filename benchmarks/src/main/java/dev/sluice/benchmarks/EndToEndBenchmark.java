package dev.sluice.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sluice.benchmarks.stacks.Library;
import dev.sluice.benchmarks.stacks.Profile;
import dev.sluice.benchmarks.stacks.Target;
import dev.sluice.benchmarks.stacks.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Measure 2, end to end: the time from the first of {@code records} calls (one thread) until the
 * last byte is in the file, the stack flushed and stopped inside the measured time. Every library
 * is set up not to lose records ({@link Profile#LOSSLESS}) and each shot is checked to have
 * written every line; records/s is {@code records / time}, MB/s the file's size over the time
 * (the lines are byte for byte the same for every library).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class EndToEndBenchmark {

	@Param({"SLUICE", "LOG4J2_ALL_ASYNC", "LOG4J2_ASYNC_APPENDER", "LOGBACK_ASYNC"})
	public Library library;

	@Param({"1000000"})
	public int records;

	private Trial trial;
	private boolean measured;

	@Setup(Level.Iteration)
	public void open(IterationParams iteration) {
		measured = iteration.getType() == IterationType.MEASUREMENT;
		trial = Trial.open("end_to_end", library, Target.FILE, Profile.LOSSLESS, s -> s.withRecords(records));
	}

	@Benchmark
	public void writeAndStop() {
		var stack = trial.stack();
		for (int i = 0; i < records; i++) {
			stack.info(Workload.TEMPLATE, Workload.ARG1, Workload.ARG2);
		}
		stack.stop();
	}

	@TearDown(Level.Iteration)
	public void check() {
		trial.calls.add(records);
		// stop() again is a no-op for every library; finish counts the lines and fails a short file
		trial.finish(Map.of("records", records), Map.of("measured", measured), true);
	}
}
