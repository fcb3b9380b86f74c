package dev.sluice.pipeline.engine;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.RoutingPlan;

/**
 * The logger hierarchy as the engine sees it: the plan its loggers follow, which a plan switch
 * replaces and a run-time level change edits. Implemented by the API's logger registry; the engine
 * calls it one switch at a time, never on the record path.
 */
public interface Hierarchy {

	/** The root logger's name, as Python calls it. */
	String ROOT_NAME = "root";

	/** The plan the loggers follow now. */
	RoutingPlan plan();

	/**
	 * Puts {@code plan} in force for the loggers (levels, disabled flags) and returns the plan as
	 * applied. {@code configuration}: a configuration (not the defaults, not an incremental one),
	 * which decides which existing loggers are disabled, as CPython's dictConfig does.
	 */
	RoutingPlan apply(RoutingPlan plan, boolean configuration);

	/** Sets one logger's level (null: inherit) and returns the plan as changed. */
	RoutingPlan setLevel(String loggerName, Level level);
}
