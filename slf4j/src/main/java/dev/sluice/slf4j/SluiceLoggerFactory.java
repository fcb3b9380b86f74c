package dev.sluice.slf4j;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.SubstituteLogger;

import dev.sluice.pipeline.Sluice;

/**
 * SLF4J loggers over the global pipeline's loggers, cached by name. SLF4J's
 * {@code "ROOT"} is Sluice's (and Python's) root logger. Thread-safe.
 *
 * <p>Building the global pipeline loads classes that log through SLF4J in their static
 * initializers (Micrometer's {@code MeterRegistry}). Such a re-entrant call, on the thread that is
 * building the pipeline, gets a stand-in that is bound to the real logger as soon as the pipeline
 * exists; without it, the re-entrant call would see no pipeline and fail the class's
 * initialization.
 */
final class SluiceLoggerFactory implements ILoggerFactory {

	/** Set on the thread that is asking for {@link Sluice#global()}, while it does. */
	private static final ThreadLocal<Boolean> RESOLVING = new ThreadLocal<>();

	private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
	private final List<SubstituteLogger> standIns = new CopyOnWriteArrayList<>();

	@Override
	public Logger getLogger(String name) {
		Logger cached = loggers.get(name);
		if (cached != null) {
			return cached;
		}
		if (RESOLVING.get() != null) {
			SubstituteLogger standIn = new SubstituteLogger(name, null, true);
			standIns.add(standIn);
			return standIn;
		}
		Sluice global;
		RESOLVING.set(Boolean.TRUE);
		try {
			global = Sluice.global();
		}
		finally {
			RESOLVING.remove();
		}
		bindStandIns(global);
		return loggers.computeIfAbsent(name, n -> create(global, n));
	}

	private void bindStandIns(Sluice global) {
		for (SubstituteLogger s : standIns) {
			if (standIns.remove(s)) {
				s.setDelegate(loggers.computeIfAbsent(s.getName(), n -> create(global, n)));
			}
		}
	}

	private static Logger create(Sluice global, String name) {
		return new SluiceSlf4jLogger(global.logger(Logger.ROOT_LOGGER_NAME.equalsIgnoreCase(name) ? "" : name));
	}
}
