package dev.sluice.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.options.Suggestions;

/**
 * The handler classes on the class path: every {@link SinkProvider} that
 * {@link ServiceLoader} finds, by the class names it answers to. Immutable and thread-safe once
 * made; two providers that claim the same class name fail fast, naming both.
 */
public final class SinkProviders {

	/** Which Sluice module provides which class names, to say what to add when one is missing. */
	private static final Map<String, List<String>> MODULES = modules();

	/** Python's own handler classes that no Sluice module provides (docs/python-differences.md). */
	static final Set<String> NOT_PROVIDED = Set.of("logging.handlers.SocketHandler", "logging.handlers.DatagramHandler",
			"logging.handlers.HTTPHandler", "logging.handlers.NTEventLogHandler", "logging.handlers.BufferingHandler");

	private final Map<String, SinkProvider> byClassName;

	private SinkProviders(Map<String, SinkProvider> byClassName) {
		this.byClassName = Collections.unmodifiableMap(byClassName);
	}

	/** The providers visible to {@code loader} (the thread's context class loader when null). */
	public static SinkProviders load(ClassLoader loader) {
		ClassLoader cl = loader != null ? loader : Thread.currentThread().getContextClassLoader();
		List<SinkProvider> found = new ArrayList<>();
		for (SinkProvider p : ServiceLoader.load(SinkProvider.class, cl != null ? cl : SinkProviders.class.getClassLoader())) {
			found.add(p);
		}
		return of(found);
	}

	/**
	 * Exactly these providers (tests, embedding).
	 *
	 * @throws IllegalStateException when two providers claim the same class name
	 */
	public static SinkProviders of(List<? extends SinkProvider> providers) {
		Map<String, SinkProvider> m = new LinkedHashMap<>();
		for (SinkProvider p : providers) {
			for (String name : p.classNames()) {
				SinkProvider other = m.putIfAbsent(name, p);
				if (other != null && other.getClass() != p.getClass()) {
					throw new IllegalStateException("handler class '" + name + "' is claimed by two sink providers: "
							+ other.getClass().getName() + " and " + p.getClass().getName());
				}
			}
		}
		return new SinkProviders(m);
	}

	/** The provider of {@code className}, or null. */
	public SinkProvider find(String className) {
		return byClassName.get(className);
	}

	/** Every class name that some provider answers to, sorted. */
	public Set<String> classNames() {
		return Collections.unmodifiableSet(new TreeSet<>(byClassName.keySet()));
	}

	/**
	 * Why {@code className} is not known: which module to add when a Sluice module provides it,
	 * else the closest known name and the modules that provide the others.
	 */
	String unknownClass(String className) {
		for (Map.Entry<String, List<String>> e : MODULES.entrySet()) {
			if (e.getValue().contains(className)) {
				return "handler class '" + className + "' is provided by module " + e.getKey()
						+ ", which is not on the class path; add it as a dependency";
			}
		}
		Set<String> candidates = new TreeSet<>(byClassName.keySet());
		MODULES.values().forEach(candidates::addAll);
		// a handler of Python's own library that Sluice lacks is not a misspelling of one it has
		String suggestion = NOT_PROVIDED.contains(className) ? null : Suggestions.closest(className, candidates);
		StringBuilder sb = new StringBuilder("unknown handler class '").append(className).append('\'');
		if (NOT_PROVIDED.contains(className)) {
			sb.append(" (a handler of Python's logging that Sluice does not provide: see docs/python-differences.md)");
		}
		else if (suggestion != null) {
			sb.append(" (did you mean '").append(suggestion).append("'?)");
		}
		sb.append("; on the class path: ").append(byClassName.isEmpty() ? "none" : String.join(", ", classNames()));
		sb.append("; other modules provide:");
		boolean first = true;
		for (Map.Entry<String, List<String>> e : MODULES.entrySet()) {
			List<String> missing = new ArrayList<>(e.getValue());
			missing.removeAll(byClassName.keySet());
			if (!missing.isEmpty()) {
				sb.append(first ? " " : "; ").append(e.getKey()).append(" (").append(String.join(", ", missing)).append(')');
				first = false;
			}
		}
		if (first) {
			sb.append(" nothing more");
		}
		return sb.toString();
	}

	private static Map<String, List<String>> modules() {
		Map<String, List<String>> m = new LinkedHashMap<>();
		m.put("dev.sluice:sluice-pipeline", List.of("logging.StreamHandler", "console", "stream"));
		m.put("dev.sluice:sluice-sink-file", List.of("logging.FileHandler", "logging.handlers.RotatingFileHandler",
				"logging.handlers.TimedRotatingFileHandler", "file", "rotating_file", "timed_rotating_file"));
		m.put("dev.sluice:sluice-sink-slack", List.of("src.slack_log_handler.SlackLogHandler",
				"slacker_log_handler.SlackerLogHandler", "slack", "sluice.slack"));
		m.put("dev.sluice:sluice-sink-cloudwatch", List.of("watchtower.CloudWatchLogHandler", "cloudwatch"));
		m.put("dev.sluice:sluice-sink-bugsnag", List.of("bugsnag.handlers.BugsnagHandler", "bugsnag"));
		m.put("dev.sluice:sluice-sink-smtp", List.of("logging.handlers.SMTPHandler", "smtp"));
		return Collections.unmodifiableMap(m);
	}
}
