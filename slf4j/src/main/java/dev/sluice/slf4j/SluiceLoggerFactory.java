package dev.sluice.slf4j;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

import dev.sluice.pipeline.Sluice;

/**
 * SLF4J loggers over the global pipeline's loggers, cached by name. SLF4J's
 * {@code "ROOT"} is Sluice's (and Python's) root logger. Thread-safe.
 */
final class SluiceLoggerFactory implements ILoggerFactory {

	private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

	@Override
	public Logger getLogger(String name) {
		return loggers.computeIfAbsent(name, n -> new SluiceSlf4jLogger(
				Sluice.global().logger(Logger.ROOT_LOGGER_NAME.equalsIgnoreCase(n) ? "" : n)));
	}
}
