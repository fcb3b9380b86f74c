package dev.sluice.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.Sluice;

/**
 * Spring Boot's {@link LoggingSystem} over Sluice's JVM-wide pipeline ({@link Sluice#global()},
 * the one SLF4J logs into through the {@code slf4j} module).
 *
 * <ul>
 * <li>Configuration: the dictConfig JSON/YAML file named by {@code sluice.config} (or Boot's
 * {@code logging.config}) is loaded through the config module and followed for changes; without
 * one, {@link DefaultPlan}: root at INFO to stdout in Boot's console shape.</li>
 * <li>Levels: {@code logging.level.*}, logger groups and {@code /actuator/loggers} read and set
 * Sluice levels at run time (Boot's TRACE..FATAL are Python's TRACE..CRITICAL; OFF is a level no
 * record reaches; a null level inherits).</li>
 * <li>Lifecycle: {@link #cleanUp()} (the application context closed) and the shutdown handler
 * stop the pipeline and drain every sink within {@code sluice.shutdown-timeout} (default 10 s).</li>
 * </ul>
 *
 * <p>Boot calls these methods on its own threads (the main thread at startup, a web thread for
 * actuator requests): {@link #initialize} and {@link #cleanUp} block on file I/O and draining;
 * the level methods are quick and never block on I/O.
 */
public final class SluiceLoggingSystem extends LoggingSystem {

	/** The property naming a dictConfig JSON or YAML file. */
	public static final String CONFIG_PROPERTY = "sluice.config";
	/** How long closing the context waits for sinks to drain (a Duration; default 10 s). */
	public static final String SHUTDOWN_TIMEOUT_PROPERTY = "sluice.shutdown-timeout";

	private static final String SLUICE_ROOT = "root";

	private final Supplier<Sluice> pipeline;
	/** Written by initialize (Boot's main thread), read by later calls. */
	private volatile Level rootLevel = Level.INFO;
	private volatile Duration shutdownTimeout = Duration.ofSeconds(10);
	private volatile AutoCloseable follower;

	/** Over {@link Sluice#global()}; the form Boot's factory uses. */
	public SluiceLoggingSystem() {
		this(Sluice::global);
	}

	/** Over another pipeline (tests, applications that own theirs). */
	public SluiceLoggingSystem(Supplier<Sluice> pipeline) {
		this.pipeline = pipeline;
	}

	Sluice sluice() {
		return pipeline.get();
	}

	@Override
	public void beforeInitialize() {
		Slf4jBinding.check(sluice());
	}

	@Override
	public void initialize(LoggingInitializationContext context, String configLocation, LogFile logFile) {
		Sluice sluice = sluice();
		Environment env = context == null ? null : context.getEnvironment();
		String location = env == null ? null : env.getProperty(CONFIG_PROPERTY);
		String property = CONFIG_PROPERTY;
		if (!StringUtils.hasText(location)) {
			location = configLocation;
			property = "logging.config";
		}
		if (env != null) {
			String timeout = env.getProperty(SHUTDOWN_TIMEOUT_PROPERTY);
			if (StringUtils.hasText(timeout)) {
				shutdownTimeout = org.springframework.boot.convert.DurationStyle.detectAndParse(timeout);
			}
		}
		closeFollower();
		RoutingPlan plan;
		if (StringUtils.hasText(location)) {
			follower = DictConfigFiles.load(sluice, location.trim(), property);
			plan = sluice.plan();
		}
		else {
			plan = DefaultPlan.of(env == null ? new org.springframework.core.env.StandardEnvironment() : env, logFile,
					sluice.environment());
			sluice.apply(plan).block();
		}
		dev.sluice.pipeline.IngressFullPolicy policy = ingressFullPolicy(env);
		if (policy != null) {
			sluice.apply(sluice.plan().toBuilder().ingressFullPolicy(policy).build()).block();
		}
		LoggerSpec root = plan.root();
		rootLevel = root == null || root.level().value() == Level.NOTSET.value() ? Level.NOTSET : root.level();
	}

	/** {@code sluice.ingress.full} (wait or drop) and {@code sluice.ingress.wait} (a duration); null when neither is set. */
	static dev.sluice.pipeline.IngressFullPolicy ingressFullPolicy(Environment env) {
		if (env == null) {
			return null;
		}
		String full = env.getProperty("sluice.ingress.full");
		String wait = env.getProperty("sluice.ingress.wait");
		if (!StringUtils.hasText(full) && !StringUtils.hasText(wait)) {
			return null;
		}
		java.time.Duration max = dev.sluice.pipeline.IngressFullPolicy.DEFAULT.maxWait();
		if (StringUtils.hasText(wait)) {
			try {
				max = org.springframework.boot.convert.DurationStyle.detectAndParse(wait.trim());
			}
			catch (IllegalArgumentException e) {
				throw new IllegalArgumentException("sluice.ingress.wait: expected a duration such as 5s, found '" + wait
						+ "'", e);
			}
		}
		try {
			return dev.sluice.pipeline.IngressFullPolicy.parse(StringUtils.hasText(full) ? full.trim() : "wait", max);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("sluice.ingress.full: " + e.getMessage(), e);
		}
	}

	@Override
	public Set<LogLevel> getSupportedLogLevels() {
		return EnumSet.allOf(LogLevel.class);
	}

	/**
	 * Sets {@code loggerName}'s level ({@code null} or {@code ROOT}: the root). A null level makes
	 * the logger inherit again; for the root, it restores the configured root level.
	 */
	@Override
	public void setLogLevel(String loggerName, LogLevel level) {
		String name = sluiceName(loggerName);
		Level sluiceLevel = Levels.toSluice(level);
		if (sluiceLevel == null && SLUICE_ROOT.equals(name)) {
			sluiceLevel = rootLevel;
		}
		sluice().setLevel(name, sluiceLevel);
	}

	@Override
	public List<LoggerConfiguration> getLoggerConfigurations() {
		Sluice sluice = sluice();
		Set<String> names = new TreeSet<>(sluice.loggerNames());
		names.addAll(sluice.plan().loggers().keySet());
		names.remove(SLUICE_ROOT);
		List<LoggerConfiguration> result = new ArrayList<>(names.size() + 1);
		result.add(configuration(sluice, SLUICE_ROOT)); // Boot lists ROOT first, then by name
		for (String name : names) {
			result.add(configuration(sluice, name));
		}
		return result;
	}

	@Override
	public LoggerConfiguration getLoggerConfiguration(String loggerName) {
		return configuration(sluice(), sluiceName(loggerName));
	}

	private static LoggerConfiguration configuration(Sluice sluice, String name) {
		LoggerSpec spec = sluice.plan().logger(name);
		LogLevel configured = spec == null || spec.level().value() == Level.NOTSET.value() ? null
				: Levels.toBoot(spec.level());
		LogLevel effective = Levels.toBoot(sluice.logger(name).effectiveLevel());
		return new LoggerConfiguration(SLUICE_ROOT.equals(name) ? ROOT_LOGGER_NAME : name, configured, effective);
	}

	private static String sluiceName(String bootName) {
		if (bootName == null || bootName.isEmpty() || ROOT_LOGGER_NAME.equalsIgnoreCase(bootName)) {
			return SLUICE_ROOT;
		}
		return bootName;
	}

	/** Set by {@link FailedStartListener}; read and cleared by the clean-up that follows. */
	private static final java.util.concurrent.atomic.AtomicBoolean FAILED_START = new java.util.concurrent.atomic.AtomicBoolean();

	/** The application failed to start: the coming clean-up must leave the pipeline running. */
	static void startFailed() {
		FAILED_START.set(true);
	}

	/**
	 * The application context closed: stop following the config file, drain and stop the pipeline.
	 * After a failed start Boot cleans up before it reports the failure, so then the pipeline is
	 * only flushed: the report goes through the configured handlers, and the JVM's shutdown (Boot's
	 * shutdown handler or the pipeline's own hook) drains it.
	 */
	@Override
	public void cleanUp() {
		closeFollower();
		if (FAILED_START.getAndSet(false)) {
			sluice().flush().block(shutdownTimeout);
			return;
		}
		sluice().shutdown(shutdownTimeout).block();
	}

	/**
	 * Drains and stops the pipeline; Boot runs it from its JVM shutdown hook after the application
	 * contexts closed. Boot asks for it only when it will run it ({@code logging.register-shutdown-hook},
	 * default true), so asking takes the shutdown over from the pipeline's own JVM hook
	 * ({@link Sluice#disownShutdownHook()}): that hook would run concurrently with Boot's and stop
	 * the pipeline before the context's last lines ("Graceful shutdown complete") were logged.
	 */
	@Override
	public Runnable getShutdownHandler() {
		Sluice sluice = sluice();
		sluice.disownShutdownHook();
		return () -> sluice.shutdown(shutdownTimeout).block();
	}

	private void closeFollower() {
		AutoCloseable f = follower;
		follower = null;
		if (f != null) {
			try {
				f.close();
			}
			catch (Exception e) {
				sluice().environment().status().error("spring", "could not stop following the config file", e);
			}
		}
	}
}
