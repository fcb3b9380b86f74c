package dev.sluice.pipeline.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.Logger;
import dev.sluice.pipeline.LoggerSpec;
import dev.sluice.pipeline.RecordFilter;
import dev.sluice.pipeline.RoutingPlan;

/**
 * Where records of one logger name go under one plan: the originating logger's filters, then the
 * runners of its handlers and of each ancestor's, up to the first logger with
 * {@code propagate: false} (Python's {@code Logger.callHandlers}: a handler on a logger and on an
 * ancestor gets the record once for each). Immutable; computed once per name and plan by the router
 * and cached on the logger's name ({@link RecordAccess#cachedRoute}).
 */
final class Route {

	private static final SinkRunner[] NONE = new SinkRunner[0];

	/** An array, not a list: the router walks it per record without an iterator. */
	final RecordFilter[] filters;
	final SinkRunner[] runners;
	/** The router's plan generation this route belongs to: a cached route of another is stale. */
	final Object generation;

	private static final RecordFilter[] NO_FILTERS = new RecordFilter[0];

	private Route(List<RecordFilter> filters, SinkRunner[] runners, Object generation) {
		this.filters = filters.toArray(NO_FILTERS);
		this.runners = runners;
		this.generation = generation;
	}

	static Route compute(String loggerName, RoutingPlan plan, Map<String, SinkRunner> runnersByHandler,
			Object generation) {
		LoggerSpec own = plan.logger(loggerName);
		List<RecordFilter> filters = own == null ? List.of() : own.filters();
		// as Python's callHandlers: a handler attached to a logger and to one of its ancestors is
		// called once for each (the record is written twice); one logger holds a handler once
		List<SinkRunner> runners = new ArrayList<>();
		String name = loggerName;
		while (true) {
			LoggerSpec spec = plan.logger(name);
			if (spec != null) {
				Set<SinkRunner> ofThisLogger = new LinkedHashSet<>();
				for (String h : spec.handlers()) {
					SinkRunner r = runnersByHandler.get(h);
					if (r != null) {
						ofThisLogger.add(r);
					}
				}
				runners.addAll(ofThisLogger);
				if (!spec.propagate()) {
					break;
				}
			}
			if (Hierarchy.ROOT_NAME.equals(name)) {
				break;
			}
			int dot = name.lastIndexOf('.');
			name = dot > 0 ? name.substring(0, dot) : Hierarchy.ROOT_NAME;
		}
		return new Route(filters, runners.isEmpty() ? NONE : runners.toArray(NONE), generation);
	}

	boolean passesFilters(LogRecord record) {
		for (RecordFilter f : filters) {
			if (!f.test(record)) {
				return false;
			}
		}
		return true;
	}
}
