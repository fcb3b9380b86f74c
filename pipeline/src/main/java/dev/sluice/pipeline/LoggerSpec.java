package dev.sluice.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * One logger's configuration, as dictConfig's {@code loggers} entries: its level (NOTSET to
 * inherit the nearest ancestor's), whether records continue to the ancestors' handlers
 * ({@code propagate}), the names of its handlers, its filters (applied only to records logged on
 * this very logger, as in Python), and whether it is disabled. Immutable.
 */
public final class LoggerSpec {

	/** NOTSET level, propagating, no handlers, no filters. */
	public static final LoggerSpec INHERIT = new LoggerSpec(Level.NOTSET, true, List.of(), List.of(), false);

	private final Level level;
	private final boolean propagate;
	private final List<String> handlers;
	private final List<RecordFilter> filters;
	private final boolean disabled;

	private LoggerSpec(Level level, boolean propagate, List<String> handlers, List<RecordFilter> filters,
			boolean disabled) {
		this.level = Objects.requireNonNull(level, "level");
		this.propagate = propagate;
		this.handlers = List.copyOf(handlers);
		this.filters = List.copyOf(filters);
		this.disabled = disabled;
	}

	/**
	 * A logger at {@code level} with these handlers, propagating.
	 *
	 * @param level the logger's level; null inherits the parent's
	 * @param handlers the names of the handlers the logger's records go to
	 * @return a logger at {@code level} with these handlers, propagating
	 */
	public static LoggerSpec of(Level level, String... handlers) {
		return new LoggerSpec(level, true, List.of(handlers), List.of(), false);
	}

	/** {@return the logger's level ({@link Level#NOTSET}: inherit its parent's)} */
	public Level level() {
		return level;
	}

	/** {@return whether records go on to the ancestors' handlers too, as Python's {@code propagate}} */
	public boolean propagate() {
		return propagate;
	}

	/** {@return the names of the logger's handlers} */
	public List<String> handlers() {
		return handlers;
	}

	/** {@return the logger's filters, applied to records it creates} */
	public List<RecordFilter> filters() {
		return filters;
	}

	/** {@return whether the logger refuses every record (counted as dropped, {@code logger_disabled})} */
	public boolean disabled() {
		return disabled;
	}

	/**
	 * This logger with another level.
	 *
	 * @param newLevel the new level
	 * @return this logger with another level
	 */
	public LoggerSpec withLevel(Level newLevel) {
		return new LoggerSpec(newLevel, propagate, handlers, filters, disabled);
	}

	/**
	 * This logger with another {@code propagate}.
	 *
	 * @param newPropagate whether records go on to the ancestors' handlers
	 * @return this logger with another {@code propagate}
	 */
	public LoggerSpec withPropagate(boolean newPropagate) {
		return new LoggerSpec(level, newPropagate, handlers, filters, disabled);
	}

	/**
	 * This logger with other handlers.
	 *
	 * @param newHandlers the names of the logger's handlers
	 * @return this logger with other handlers
	 */
	public LoggerSpec withHandlers(List<String> newHandlers) {
		return new LoggerSpec(level, propagate, newHandlers, filters, disabled);
	}

	/**
	 * This logger with other filters.
	 *
	 * @param newFilters the new filters
	 * @return this logger with other filters
	 */
	public LoggerSpec withFilters(List<RecordFilter> newFilters) {
		return new LoggerSpec(level, propagate, handlers, newFilters, disabled);
	}

	/**
	 * This logger disabled or enabled.
	 *
	 * @param newDisabled whether the logger refuses every record
	 * @return this logger disabled or enabled
	 */
	public LoggerSpec withDisabled(boolean newDisabled) {
		return new LoggerSpec(level, propagate, handlers, filters, newDisabled);
	}

	@Override
	public String toString() {
		return "LoggerSpec{level=" + level + ", propagate=" + propagate + ", handlers=" + handlers
				+ (filters.isEmpty() ? "" : ", filters=" + filters.size()) + (disabled ? ", disabled" : "") + '}';
	}
}
