package dev.sluice.benchmarks.stacks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;

import dev.sluice.config.ConfigLoader;
import dev.sluice.config.LoggingConfig;
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
import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.options.SinkOptions;
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
 *
 * <p>Defaults ({@link Library#SLUICE}): what a dictConfig file handler gets, the {@code block}
 * policy on the sink's buffer and the default full-ingress policy (plain threads wait up to 5 s
 * for room), so a flood goes at the pipeline's pace. Waiting ({@link Library#SLUICE_WAIT}): callers
 * wait up to 1 s ({@code callerWait}) and the block policy waits 1 s without progress.
 */
final class SluiceStack extends Stack {

	private static final String FILE_CLASS = "logging.FileHandler";

	private final Sluice sluice;
	private final Logger logger;
	private final Profile profile;
	private final HandlerSpec main;
	private final HandlerSpec stalled;
	private final Stall stall;
	private final Path configFile;
	private final ConfigLoader loader = ConfigLoader.defaults();
	private ShutdownReport report;

	SluiceStack(StackSpec spec, boolean waiting) {
		super(spec.output());
		this.profile = spec.profile();
		Sluice.Builder b = Sluice.builder().shutdownHook(false).baseDirectory(spec.directory());
		if (waiting) {
			b.callerWait(Duration.ofSeconds(1));
		}
		Long lingerMillis = Long.getLong("sluice.bench.linger.ms"); // for A/B runs: -jvmArgsAppend -Dsluice.bench.linger.ms=0
		if (lingerMillis != null) {
			b.linger(Duration.ofMillis(lingerMillis));
		}
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
		else if (waiting) {
			h = h.withBuffer(BufferSpec.DEFAULT.withPolicy(OverflowPolicy.BLOCK).withBlockTimeout(Duration.ofSeconds(1)));
		}
		else {
			// the defaults a dictConfig gives a file or console handler: the block policy (lossless
			// while the sink progresses), with the builder's default full-ingress policy (callers off
			// Reactor's non-blocking threads wait up to 5 s)
			h = h.withBuffer(BufferSpec.LOSSLESS);
		}
		this.main = h;
		this.stall = spec.stall();
		this.stalled = stall == null ? null : HandlerSpec.ofSink("stalled", new StalledSink(stall));
		if (spec.configFile()) {
			if (output.target() != Target.FILE || stall != null || profile == Profile.LOSSLESS) {
				throw new IllegalArgumentException("a config file is written for a file, no stall, default buffers");
			}
			this.configFile = spec.directory().resolve("logging.json");
			try {
				reload(0);
			}
			catch (IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
		}
		else {
			this.configFile = null;
			sluice.apply(plan(0)).block();
		}
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
		if (stall != null) {
			stall.release();
		}
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

	/**
	 * Rewrites {@code logging.json} (dictConfig; generation {@code n} flips {@code jibe.noise}'s
	 * level) and applies it as module config's reloader does: read, validate, plan, apply. The
	 * file handler's identity (class, options, formatter) is unchanged, so its sink and open file
	 * are kept.
	 */
	@Override
	public void reload(int generation) throws IOException {
		if (configFile == null) {
			throw new UnsupportedOperationException("reload needs a stack made withConfigFile()");
		}
		String json = "{\"version\": 1, \"disable_existing_loggers\": false,\n"
				+ " \"formatters\": {\"f\": {\"format\": \"" + Workload.PYTHON_FORMAT + "\"}},\n"
				+ " \"handlers\": {\"main\": {\"class\": \"" + FILE_CLASS + "\", \"filename\": \""
				+ output.path().toString().replace("\\", "\\\\") + "\", \"mode\": \"a\", \"formatter\": \"f\"}},\n"
				+ " \"loggers\": {\"jibe.noise\": {\"level\": \"" + (generation % 2 == 0 ? "INFO" : "DEBUG") + "\"}},\n"
				+ " \"root\": {\"level\": \"INFO\", \"handlers\": [\"main\"]}}\n";
		Files.writeString(configFile, json, StandardCharsets.UTF_8);
		LoggingConfig config = loader.read(configFile);
		sluice.apply(loader.plan(config, sluice.environment(), sluice.plan())).block();
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
