package dev.sluice.benchmarks.stacks;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.appender.RandomAccessFileAppender;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Log4j2 at its defaults, built in code: either all-async loggers (the context
 * {@code AsyncLoggerContextSelector} creates: an LMAX Disruptor ring of 4,096 slots, 2.26's
 * default in its garbage-free mode; the caller waits when it is full) or synchronous loggers with one {@code AsyncAppender} (1,024 events,
 * blocking) per appender. The file appender is the {@code RandomAccessFile} appender (256 KiB
 * buffer, flushed at the end of each batch); the no-op one an {@code OutputStreamAppender} on the
 * no-op stream. Both with {@link Workload#LOG4J2_PATTERN}.
 *
 * <p>Neither setup discards records, whatever the profile: the harness fails a run in which
 * Log4j2 lost any. A reload rewrites an XML configuration file and reconfigures from it.
 */
final class Log4j2Stack extends Stack {

	private static final AtomicInteger CONTEXTS = new AtomicInteger();

	private final boolean allAsync;
	private final LoggerContext context;
	private final Logger logger;
	private final Stall stall;
	private final Path configFile;

	Log4j2Stack(StackSpec spec, boolean allAsync) {
		super(spec.output());
		this.allAsync = allAsync;
		this.stall = spec.stall();
		this.configFile = spec.directory().resolve("log4j2.xml");
		String name = "bench-" + CONTEXTS.incrementAndGet();
		this.context = allAsync ? new AsyncLoggerContext(name) : new LoggerContext(name);
		context.start(new CodeConfiguration(context));
		this.logger = context.getLogger(Workload.LOGGER);
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
		context.stop(10, TimeUnit.MINUTES);
	}

	@Override
	public boolean dropsByDesign() {
		return false;
	}

	@Override
	public void reload(int generation) throws IOException {
		if (output.target() != Target.FILE || stall != null) {
			throw new UnsupportedOperationException("reload is measured with a file and no stalled appender");
		}
		String root = allAsync ? "<AppenderRef ref=\"file\"/>" : "<AppenderRef ref=\"async-file\"/>";
		String xml = "<Configuration status=\"warn\">\n"
				+ "  <Appenders>\n"
				+ "    <RandomAccessFile name=\"file\" fileName=\"" + output.path() + "\" append=\"true\">\n"
				+ "      <PatternLayout pattern=\"" + Workload.LOG4J2_PATTERN + "\" charset=\"UTF-8\"/>\n"
				+ "    </RandomAccessFile>\n"
				+ (allAsync ? "" : "    <Async name=\"async-file\"><AppenderRef ref=\"file\"/></Async>\n")
				+ "  </Appenders>\n"
				+ "  <Loggers>\n"
				+ "    <Logger name=\"jibe.noise\" level=\"" + (generation % 2 == 0 ? "info" : "debug") + "\"/>\n"
				+ "    <Root level=\"info\">" + root + "</Root>\n"
				+ "  </Loggers>\n"
				+ "</Configuration>\n";
		Files.writeString(configFile, xml, StandardCharsets.UTF_8);
		// what Log4j2's watcher does on a change: a new configuration from the file, then the switch
		context.setConfigLocation(configFile.toUri());
	}

	/** The configuration, built in code (appenders that write to a stream cannot be named in XML). */
	private final class CodeConfiguration extends AbstractConfiguration {

		CodeConfiguration(LoggerContext ctx) {
			super(ctx, ConfigurationSource.NULL_SOURCE);
			isShutdownHookEnabled = false;
		}

		@Override
		protected void doConfigure() {
			Layout<? extends Serializable> layout = PatternLayout.newBuilder().withPattern(Workload.LOG4J2_PATTERN)
					.withConfiguration(this).withCharset(StandardCharsets.UTF_8).build();
			Appender main;
			if (output.target() == Target.FILE) {
				main = RandomAccessFileAppender.newBuilder().setFileName(output.path().toString()).setAppend(false)
						.setName("file").setLayout(layout).setConfiguration(this).build();
			}
			else {
				main = OutputStreamAppender.newBuilder().setTarget(output.stream()).setName("noop").setLayout(layout)
						.setConfiguration(this).build();
			}
			LoggerConfig root = getRootLogger();
			root.setLevel(Level.INFO);
			attach(root, main);
			if (stall != null) {
				attach(root, new StalledAppender(stall));
			}
		}

		private void attach(LoggerConfig root, Appender appender) {
			addAppender(appender);
			if (allAsync) {
				root.addAppender(appender, null, null);
				return;
			}
			AsyncAppender async = AsyncAppender.newBuilder().setName("async-" + appender.getName())
					.setAppenderRefs(new AppenderRef[] {AppenderRef.createAppenderRef(appender.getName(), null, null)})
					.setConfiguration(this).build();
			addAppender(async);
			root.addAppender(async, null, null);
		}
	}

	/** The second appender: 5 s per event. */
	private static final class StalledAppender extends AbstractAppender {

		private final Stall stall;

		StalledAppender(Stall stall) {
			super("stalled", null, null, true, Property.EMPTY_ARRAY);
			this.stall = stall;
		}

		@Override
		public void append(LogEvent event) {
			stall.take(1);
		}
	}
}
