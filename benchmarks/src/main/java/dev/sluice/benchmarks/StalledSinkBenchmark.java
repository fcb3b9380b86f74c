package dev.sluice.benchmarks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.sluice.benchmarks.stacks.Library;
import dev.sluice.benchmarks.stacks.Profile;
import dev.sluice.benchmarks.stacks.Stack;
import dev.sluice.benchmarks.stacks.Stall;
import dev.sluice.benchmarks.stacks.Target;
import dev.sluice.benchmarks.stacks.Workload;
import org.HdrHistogram.Histogram;
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
 * Measure 3, the stalled sink: the latency of every call (HdrHistogram, not a sample) while a
 * second sink takes {@code stallMillis} per batch, each library at its defaults
 * ({@link Profile#DEFAULTS}): what a user who changed nothing would see.
 *
 * <p>One thread logs at a steady {@code rate} for {@code seconds} per shot (a service's event
 * loop, not a flood: it spins between calls, so the other threads keep a core). A call that is
 * late because the previous one blocked is not made up for. The histogram of the measured shots
 * goes to {@link Extras} (encoded, so that the forks' histograms can be merged), with the
 * records each sink received.
 *
 * <p>A caller stuck behind the stall would stay stuck for as long as the stall lasts: Log4j2's
 * async loggers let a waiting caller in only after 50 events have been processed (250 s here).
 * So that a run ends, a watchdog releases the stall {@code stallMillis} after the end of a shot
 * and the stuck call returns; such a latency is a lower bound, and the shots cut short are
 * counted ({@code watchdog_releases}). The stall is re-armed before each shot.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC"})
@State(Scope.Benchmark)
public class StalledSinkBenchmark {

	@Param({"SLUICE", "LOG4J2_ALL_ASYNC", "LOG4J2_ASYNC_APPENDER", "LOGBACK_ASYNC"})
	public Library library;

	@Param({"5"})
	public int seconds;

	@Param({"100000"})
	public int rate;

	@Param({"5000"})
	public int stallMillis;

	private Trial trial;
	private Stall stall;
	private final Histogram latency = new Histogram(TimeUnit.HOURS.toNanos(1), 3);
	private boolean measured;
	private long measuredCalls;
	private final GcPauses gcPauses = new GcPauses();
	/** The measured calls over 1 ms (start and end, nanoTime), kept to tell them from GC pauses. */
	private final long[] slowStarts = new long[1024];
	private final long[] slowEnds = new long[1024];
	/** Of each slow call, whether the caller's thread waited for a CPU for all but 1 ms of it. */
	private final boolean[] slowDescheduled = new boolean[1024];
	private int slow;
	/** The measured shots' span (nanoTime), for the pauses that fell in them. */
	private final List<long[]> measuredSpans = new ArrayList<>();
	private int watchdogReleases;
	private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "bench-stall-watchdog");
		t.setDaemon(true);
		return t;
	});

	@Setup(Level.Trial)
	public void open() {
		stall = new Stall(stallMillis);
		trial = Trial.open(measureName(), library, Target.FILE, Profile.DEFAULTS, s -> s.withStall(stall));
	}

	/**
	 * {@value #MEASURE}, or {@value #MEASURE_ZGC} when this JVM runs ZGC: the suite runs the
	 * measure under G1 (the JVM's default) and again under ZGC, whose pauses do not grow with the
	 * heap, so that a call made slow by a collector pause can be told from one Sluice made slow.
	 */
	static String measureName() {
		for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory
				.getGarbageCollectorMXBeans()) {
			if (gc.getName().startsWith("ZGC")) {
				return MEASURE_ZGC;
			}
		}
		return MEASURE;
	}

	static final String MEASURE = "stalled_sink";
	static final String MEASURE_ZGC = "stalled_sink_zgc";
	/** Calls between two readings of the caller's run-queue wait (a power of two). */
	private static final int RUN_QUEUE_EVERY = 16;

	@Setup(Level.Iteration)
	public void iteration(IterationParams iteration) {
		measured = iteration.getType() == IterationType.MEASUREMENT;
		stall.rearm();
	}

	/** Returns the calls made; the latency of each goes to the histogram. */
	@Benchmark
	public long pacedCalls() {
		Stack stack = trial.stack();
		long period = 1_000_000_000L / rate;
		long start = System.nanoTime();
		long end = start + TimeUnit.SECONDS.toNanos(seconds);
		long next = start;
		long calls = 0;
		boolean record = measured;
		AtomicBoolean cut = new AtomicBoolean();
		RunQueueWait runQueue = RunQueueWait.ofCurrentThread();
		long waitedBefore = runQueue.waitNanos();
		ScheduledFuture<?> release = watchdog.schedule(() -> {
			cut.set(true);
			stall.release();
		}, TimeUnit.SECONDS.toMillis(seconds) + stallMillis, TimeUnit.MILLISECONDS);
		while (true) {
			long now = System.nanoTime();
			if (now - end >= 0) {
				break;
			}
			while (now - next < 0) {
				Thread.onSpinWait();
				now = System.nanoTime();
			}
			if ((calls & (RUN_QUEUE_EVERY - 1)) == 0) {
				waitedBefore = runQueue.waitNanos(); // outside the timed call, at most 16 calls (160 µs) before it
			}
			long t0 = System.nanoTime();
			stack.info(Workload.TEMPLATE, Workload.ARG1, Workload.ARG2);
			long t1 = System.nanoTime();
			if (record) {
				latency.recordValue(t1 - t0);
				if (t1 - t0 > 1_000_000 && slow < slowStarts.length) {
					long waited = runQueue.waitNanos() - waitedBefore;
					slowDescheduled[slow] = waitedBefore >= 0 && waited >= t1 - t0 - 1_000_000;
					slowStarts[slow] = t0;
					slowEnds[slow++] = t1;
				}
			}
			calls++;
			next += period;
			if (t1 - next > 0) {
				next = t1; // late after a blocked call: carry on at the rate, do not catch up in a burst
			}
		}
		release.cancel(false);
		runQueue.close();
		if (record) {
			measuredSpans.add(new long[] {start, System.nanoTime()});
		}
		if (cut.get()) {
			watchdogReleases++;
		}
		trial.calls.add(calls);
		if (record) {
			measuredCalls += calls;
		}
		return calls;
	}

	@TearDown(Level.Trial)
	public void close() {
		watchdog.shutdownNow();
		trial.stack().stop(); // releases the stall first, so the stalled sink's backlog drains in moments
		Map<String, Object> more = new LinkedHashMap<>();
		more.put("measured_calls", measuredCalls);
		more.put("watchdog_releases", watchdogReleases);
		more.put("p50_ns", latency.getValueAtPercentile(50));
		more.put("p99_ns", latency.getValueAtPercentile(99));
		more.put("p999_ns", latency.getValueAtPercentile(99.9));
		more.put("max_ns", latency.getMaxValue());
		more.put("over_1ms", latency.getCountBetweenValues(1_000_001, latency.getMaxValue() + 1));
		gcPauses.close();
		// each slow call by its first explanation: a collector pause, another safepoint, a thread
		// that waited for a CPU; what none explains is the library's
		int inPause = 0;
		int atSafepoint = 0;
		int descheduled = 0;
		for (int i = 0; i < slow; i++) {
			if (gcPauses.overlaps(slowStarts[i], slowEnds[i])) {
				inPause++;
			}
			else if (gcPauses.overlapsSafepoint(slowStarts[i], slowEnds[i])) {
				atSafepoint++;
			}
			else if (slowDescheduled[i]) {
				descheduled++;
			}
		}
		more.put("over_1ms_in_gc_pause", inPause);
		more.put("over_1ms_at_safepoint", atSafepoint);
		more.put("over_1ms_descheduled", descheduled);
		more.put("over_1ms_recorded", slow);
		long pauses = 0;
		long longestPause = 0;
		for (long[] span : measuredSpans) {
			long[] p = gcPauses.between(span[0], span[1]);
			pauses += p[0];
			longestPause = Math.max(longestPause, p[1]);
		}
		more.put("gc_pauses", pauses);
		more.put("gc_longest_pause_us", longestPause / 1_000);
		ByteBuffer buf = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
		int n = latency.encodeIntoCompressedByteBuffer(buf);
		more.put("histogram", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n)));
		trial.finish(Map.of("seconds", seconds, "rate", rate, "stall_ms", stallMillis),
				Map.of("latency", more, "stalled_sink_records", stall.records()), true);
	}
}
