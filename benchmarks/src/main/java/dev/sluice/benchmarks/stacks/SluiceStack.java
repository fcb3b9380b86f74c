package dev.sluice.benchmarks.stacks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;

import dev.sluice.pipeline.BufferSpec;
import dev.sluice.pipeline.HandlerSpec;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.OverflowPolicy;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.ShutdownReport;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.console.ConsoleSink;
import dev.sluice.pipeline.format.PythonFormatter;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkOptions;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import reactor.core.publisher.Mono;

/**
 * Sluice built in code: root at INFO to the main handler ({@code logging.FileHandler} from the
 * file sink's {@link SinkProvider}, found with {@link ServiceLoader}, or a
 * {@code StreamHandler}-like {@link ConsoleSink} on the no-op stream), both with
 * {@link PythonFormatter} and {@link Workload#PYTHON_FORMAT}; optionally a second, stalled handler.
 *
 * <p>{@link Profile#LOSSLESS}: an ingress as large as the run (the caller never blocks, so a
 * lossless run needs room) and the file sink's buffer with the {@code block} policy, so that the
 * router waits for the file instead of dropping. Otherwise every setting is the default.
 */
final class SluiceStack extends Stack {

	private static final String FILE_CLASS = "logging.FileHandler";

	private final Sluice sluice;
	private final Logger logger;
	private final Profile profile;
	private final HandlerSpec main;
	private final HandlerSpec stalled;
	private ShutdownReport report;

	SluiceStack(StackSpec spec) {
		super(spec.output());
		this.profile = spec.profile();
		Sluice.Builder b = Sluice.builder().shutdownHook(false).baseDirectory(spec.directory());
		if (profile == Profile.LOSSLESS) {
			b.ingressCapacity(Math.max(1 << 18, spec.records()));
		}
		this.sluice = b.build();
		PythonFormatter formatter = PythonFormatter.of(Workload.PYTHON_FORMAT);
		HandlerSpec h;
		if (output.target() == Target.FILE) {
			SinkProvider provider = fileProvider();
			SinkSpec sinkSpec = new SinkSpec("main", FILE_CLASS,
					SinkOptions.of(Map.of("filename", output.path().toString(), "mode", "w")), formatter,
					sluice.environment());
			h = HandlerSpec.of("main", () -> provider.create(sinkSpec));
		}
		else {
			ConsoleSink sink = new ConsoleSink(output.stream(), formatter, "\n", StandardCharsets.UTF_8);
			h = HandlerSpec.ofSink("main", sink);
		}
		if (profile == Profile.LOSSLESS) {
			h = h.withBuffer(BufferSpec.DEFAULT.withPolicy(OverflowPolicy.BLOCK).withBlockTimeout(Duration.ofMinutes(10)));
		}
		this.main = h;
		Stall stall = spec.stall();
		this.stalled = stall == null ? null : HandlerSpec.ofSink("stalled", new StalledSink(stall));
		sluice.apply(plan(0)).block();
		this.logger = sluice.logger(Workload.LOGGER);
	}

	private RoutingPlan plan(int generation) {
		RoutingPlan.Builder p = RoutingPlan.builder().disableExistingLoggers(false).handler(main);
		if (stalled != null) {
			p.handler(stalled);
			p.root(LoggerSpec.of(Level.INFO, "main", "stalled"));
		}
		else {
			p.root(LoggerSpec.of(Level.INFO, "main"));
		}
		// what a reload changes: another logger's level; the handlers keep their identity (and open file)
		p.logger("jibe.noise", LoggerSpec.of(generation % 2 == 0 ? Level.INFO : Level.DEBUG));
		return p.build();
	}

	private static SinkProvider fileProvider() {
		for (SinkProvider p : ServiceLoader.load(SinkProvider.class)) {
			if (p.classNames().contains(FILE_CLASS)) {
				return p;
			}
		}
		throw new IllegalStateException("no SinkProvider for " + FILE_CLASS
				+ " on the class path (module sinks/file, artifact sluice-sink-file)");
	}

	@Override
	public void info(String template, Object a, Object b) {
		logger.info(template, a, b);
	}

	@Override
	public void stop() {
		report = sluice.shutdown(Duration.ofMinutes(10)).block();
	}

	@Override
	public long countedDrops() {
		if (report == null) {
			throw new IllegalStateException("stop first");
		}
		long n = 0;
		for (long v : report.ingressDropped().values()) {
			n += v;
		}
		return n + report.sink("main").dropped();
	}

	@Override
	public boolean dropsByDesign() {
		return profile != Profile.LOSSLESS;
	}

	@Override
	public void reload(int generation) {
		sluice.apply(plan(generation)).block();
	}

	/** The second sink: 5 s per batch. */
	private static final class StalledSink implements Sink {

		private final Stall stall;

		StalledSink(Stall stall) {
			this.stall = stall;
		}

		@Override
		public Mono<Void> write(Batch batch) {
			stall.take(batch.size());
			return Mono.empty();
		}
	}
}
