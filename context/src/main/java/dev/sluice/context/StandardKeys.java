package dev.sluice.context;

import java.util.Set;
import java.util.function.Function;

import reactor.util.context.Context;

/**
 * The attribute names of CycleServer's event log, with helpers that write them into a Reactor
 * Context. They are ordinary attributes: any record logged inside the chain carries them.
 */
public final class StandardKeys {

	/** The operation a record belongs to; shared by every record of a unit of work. */
	public static final String OPERATION_ID = "OperationId";
	/** One activity (step) inside an operation. */
	public static final String ACTIVITY_ID = "ActivityId";
	/** What called this code: a URL, a timer name, a command name. */
	public static final String ENTRY_POINT = "EntryPoint";
	/** The authenticated user that invoked the action. */
	public static final String USER = "User";
	/** One of the event log's categories (monitor, command, config, settings, auth, system, notice). */
	public static final String CATEGORY = "Category";
	/** low, medium or high. */
	public static final String PRIORITY = "Priority";
	/** Whether an event summarises its operation. */
	public static final String PRIMARY = "Primary";
	/** How long an operation took (a begin's outcome). */
	public static final String DURATION = "Duration";

	/**
	 * Every standard key. Formats may name them whether or not a record carries them (they print
	 * empty when absent): they are the event log's record attributes, as CPython's built-in ones are.
	 */
	public static final Set<String> ALL = Set.of(OPERATION_ID, ACTIVITY_ID, ENTRY_POINT, USER, CATEGORY, PRIORITY,
			PRIMARY, DURATION);

	private StandardKeys() {
	}

	/** {@code contextWrite(StandardKeys.user("alice"))}. */
	public static Function<Context, Context> user(String user) {
		return LogContext.with(USER, user);
	}

	/** {@code contextWrite(StandardKeys.entryPoint("GET /items"))}. */
	public static Function<Context, Context> entryPoint(String entryPoint) {
		return LogContext.with(ENTRY_POINT, entryPoint);
	}

	/** {@code contextWrite(StandardKeys.operationId(id))}. */
	public static Function<Context, Context> operationId(String operationId) {
		return LogContext.with(OPERATION_ID, operationId);
	}
}
