package dev.sluice.slf4j;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;


/**
 * SLF4J 2's entry point: with this jar on the class path, every SLF4J call (Netty's, Reactor's,
 * Spring's, the AWS SDK's, the application's) goes into {@link dev.sluice.pipeline.Sluice#global()},
 * non-blocking, under the levels and handlers of the Sluice configuration.
 *
 * <p>It also registers an MDC accessor ({@link SluiceMdcAccessor}) with context-propagation, so that
 * with {@code Hooks.enableAutomaticContextPropagation()} MDC values follow a Reactor chain across
 * threads.
 */
public final class SluiceServiceProvider implements SLF4JServiceProvider {

	/** The SLF4J API version this provider is built against. */
	public static final String REQUESTED_API_VERSION = "2.0.99";

	private ILoggerFactory loggerFactory;
	private IMarkerFactory markerFactory;
	private MDCAdapter mdcAdapter;

	@Override
	public ILoggerFactory getLoggerFactory() {
		return loggerFactory;
	}

	@Override
	public IMarkerFactory getMarkerFactory() {
		return markerFactory;
	}

	@Override
	public MDCAdapter getMDCAdapter() {
		return mdcAdapter;
	}

	@Override
	public String getRequestedApiVersion() {
		return REQUESTED_API_VERSION;
	}

	@Override
	public void initialize() {
		markerFactory = new BasicMarkerFactory();
		mdcAdapter = new SluiceMdcAdapter();
		loggerFactory = new SluiceLoggerFactory();
		// No ContextRegistry here: loading it runs the registered accessors' initializers, some of
		// which log (Micrometer's ObservationThreadLocalAccessor), and a log call while SLF4J is
		// initializing makes SLF4J warn that it replayed it. SluiceMdcAccessor is registered through
		// ServiceLoader (META-INF/services/io.micrometer.context.ThreadLocalAccessor) whenever the
		// registry is first used.
	}
}
