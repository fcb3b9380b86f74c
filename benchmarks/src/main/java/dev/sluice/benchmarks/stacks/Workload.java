package dev.sluice.benchmarks.stacks;

/**
 * The one call every library makes: {@code info} with a template of about 150 characters once
 * filled and two arguments, on the same logger name, in the same layout.
 *
 * <p>The arguments are made once (a String and a pre-boxed Integer), so no library pays for
 * boxing or for building arguments: the figures are the logger's own cost.
 */
public final class Workload {

	/** The logger every library logs on. */
	public static final String LOGGER = "jibe.provider.sync";

	/** SLF4J/Log4j2 style {@code {}} placeholders: all three libraries read the same template. */
	public static final String TEMPLATE = "Providers sync for bucket {} finished after {} ms: 0 providers changed,"
			+ " 12 unchanged, next run is scheduled in 300 s, nothing to do for on-call";

	public static final Object ARG1 = "eu-west-1/prod";

	public static final Object ARG2 = Integer.valueOf(4711);

	/** Python's format, as the Sluice side is configured. */
	public static final String PYTHON_FORMAT = "%(asctime)s - %(name)s - %(threadName)s - %(levelname)s - %(message)s";

	/** Its twin in Log4j2's PatternLayout: the same bytes for the same record. */
	public static final String LOG4J2_PATTERN = "%d{yyyy-MM-dd HH:mm:ss,SSS} - %c - %t - %p - %m%n";

	/** Its twin in Logback's PatternLayout ({@code %d} is ISO8601, yyyy-MM-dd HH:mm:ss,SSS: a comma inside {@code %d{}} would be read as a time zone). */
	public static final String LOGBACK_PATTERN = "%d - %logger - %thread - %level - %msg%n";

	private Workload() {
	}
}
