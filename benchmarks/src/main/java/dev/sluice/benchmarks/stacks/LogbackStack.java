package dev.sluice.benchmarks.stacks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;

/**
 * Logback built in code: one {@code AsyncAppender} per appender (queue of 256 events, at its
 * defaults but for the profile), a {@code FileAppender} at its defaults (8 KiB buffer,
 * {@code immediateFlush=true}, as Spring Boot's file logging) or an {@code OutputStreamAppender}
 * on the no-op stream, with {@link Workload#LOGBACK_PATTERN}.
 *
 * <p>{@link Profile#CALLER}: {@code neverBlock=true} (the caller never waits; a full queue discards,
 * silently). {@link Profile#LOSSLESS}: {@code neverBlock=false}, {@code discardingThreshold=0} and
 * an unbounded {@code maxFlushTime}, so nothing is lost. {@link Profile#DEFAULTS}: all defaults
 * (the caller waits when the queue is full, but INFO and below are discarded once it is 80% full).
 * A reload rewrites {@code logback.xml} and does what Logback's scan task does: reset the context,
 * then configure it from the file.
 */
final class LogbackStack extends Stack {

	private final LoggerContext context;
	private final Logger logger;
	private final Profile profile;
	private final Stall stall;
	private final Path configFile;

	LogbackStack(StackSpec spec) {
		super(spec.output());
		this.profile = spec.profile();
		this.stall = spec.stall();
		this.configFile = spec.directory().resolve("logback.xml");
		this.context = new LoggerContext();
		context.setName("bench");
		// what SLF4J's service provider does for the context it makes: without it, AsyncAppender fails every event
		context.setMDCAdapter(new LogbackMDCAdapter());
		context.start();
		UnsynchronizedAppenderBase<ILoggingEvent> main;
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern(Workload.LOGBACK_PATTERN);
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		if (output.target() == Target.FILE) {
			FileAppender<ILoggingEvent> file = new FileAppender<>();
			file.setContext(context);
			file.setName("file");
			file.setFile(output.path().toString());
			file.setAppend(false);
			file.setEncoder(encoder);
			main = file;
		}
		else {
			OutputStreamAppender<ILoggingEvent> stream = new OutputStreamAppender<>();
			stream.setContext(context);
			stream.setName("noop");
			stream.setEncoder(encoder);
			stream.setOutputStream(output.stream());
			main = stream;
		}
		main.start();
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.INFO);
		root.addAppender(async(main));
		if (stall != null) {
			StalledAppender stalled = new StalledAppender(stall);
			stalled.setContext(context);
			stalled.setName("stalled");
			stalled.start();
			root.addAppender(async(stalled));
		}
		this.logger = context.getLogger(Workload.LOGGER);
		failOnErrorStatus("set up");
	}

	/** Logback reports setup errors as status messages only: make them fail the trial. */
	private void failOnErrorStatus(String what) {
		if (new ch.qos.logback.core.status.StatusUtil(context).getHighestLevel(0) >= ch.qos.logback.core.status.Status.ERROR) {
			StringBuilder sb = new StringBuilder("Logback could not be " + what + ":");
			for (ch.qos.logback.core.status.Status st : context.getStatusManager().getCopyOfStatusList()) {
				if (st.getLevel() >= ch.qos.logback.core.status.Status.WARN) {
					sb.append("\n  ").append(st);
				}
			}
			throw new IllegalStateException(sb.toString());
		}
	}

	private AsyncAppender async(ch.qos.logback.core.Appender<ILoggingEvent> target) {
		AsyncAppender async = new AsyncAppender();
		async.setContext(context);
		async.setName("async-" + target.getName());
		async.addAppender(target);
		if (profile == Profile.CALLER) {
			async.setNeverBlock(true);
		}
		else if (profile == Profile.LOSSLESS) {
			async.setDiscardingThreshold(0);
			async.setMaxFlushTime(0); // 0: stop waits until the queue is empty
		}
		async.start();
		return async;
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
		failOnErrorStatus("run");
		context.stop();
	}

	@Override
	public boolean dropsByDesign() {
		return profile != Profile.LOSSLESS;
	}

	@Override
	public void reload(int generation) throws Exception {
		if (output.target() != Target.FILE || stall != null) {
			throw new UnsupportedOperationException("reload is measured with a file and no stalled appender");
		}
		String xml = "<configuration>\n"
				+ "  <appender name=\"file\" class=\"ch.qos.logback.core.FileAppender\">\n"
				+ "    <file>" + output.path() + "</file>\n"
				+ "    <append>true</append>\n"
				+ "    <encoder><pattern>" + Workload.LOGBACK_PATTERN + "</pattern><charset>UTF-8</charset></encoder>\n"
				+ "  </appender>\n"
				+ "  <appender name=\"async-file\" class=\"ch.qos.logback.classic.AsyncAppender\">\n"
				+ "    <neverBlock>" + (profile == Profile.CALLER) + "</neverBlock>\n"
				+ "    <appender-ref ref=\"file\"/>\n"
				+ "  </appender>\n"
				+ "  <logger name=\"jibe.noise\" level=\"" + (generation % 2 == 0 ? "INFO" : "DEBUG") + "\"/>\n"
				+ "  <root level=\"INFO\"><appender-ref ref=\"async-file\"/></root>\n"
				+ "</configuration>\n";
		Files.writeString(configFile, xml, StandardCharsets.UTF_8);
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(context);
		context.reset();
		configurator.doConfigure(configFile.toFile());
	}

	/** The second appender: 5 s per event. */
	private static final class StalledAppender extends AppenderBase<ILoggingEvent> {

		private final Stall stall;

		StalledAppender(Stall stall) {
			this.stall = stall;
		}

		@Override
		protected void append(ILoggingEvent event) {
			stall.take(1);
		}
	}
}
