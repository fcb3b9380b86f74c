package dev.sluice.events;

import java.util.Set;

import dev.sluice.context.StandardKeys;

/**
 * The attribute names of the event log, with the text's spelling. The unit-of-work ones
 * (OperationId, ActivityId, EntryPoint, User, Category, Priority, Primary) are the context
 * module's {@link StandardKeys}; this class adds the rest.
 */
public final class EventKeys {

	public static final String ID = "Id";
	public static final String TIME = "Time";
	public static final String LEVEL = "Level";
	public static final String PRIORITY = StandardKeys.PRIORITY;
	public static final String CATEGORY = StandardKeys.CATEGORY;
	public static final String MODULE = "Module";
	public static final String MESSAGE = "Message";
	public static final String DETAIL = "Detail";
	public static final String ENTRY_POINT = StandardKeys.ENTRY_POINT;
	public static final String USER = StandardKeys.USER;
	public static final String OPERATION_ID = StandardKeys.OPERATION_ID;
	public static final String ACTIVITY_ID = StandardKeys.ACTIVITY_ID;
	public static final String PRIMARY = StandardKeys.PRIMARY;
	public static final String DURATION = StandardKeys.DURATION;
	public static final String COMMENTS = "Comments";

	/**
	 * A record's own unique id, the pipeline's {@link dev.sluice.pipeline.LogRecord#RECORD_ID} attribute: what
	 * {@code sluice ship} makes of the Kafka wire format's {@code "id"} field (a UUIDv7), and what the Kafka sink
	 * forwards. The events sink uses it as the event's Id and skips a record whose id it stored already; the file
	 * sinks de-duplicate by the same attribute.
	 */
	public static final String RECORD_ID = dev.sluice.pipeline.LogRecord.RECORD_ID;

	/**
	 * The attribute that marks a log record as an event record (value {@code true}); the events
	 * sink stores only records that carry it.
	 */
	public static final String MARKER = "sluice.event";

	/** Names with a column of their own in the store; every other name is a custom attribute. */
	static final Set<String> STANDARD = Set.of(ID, TIME, LEVEL, PRIORITY, CATEGORY, MODULE, MESSAGE, DETAIL,
			ENTRY_POINT, USER, OPERATION_ID, ACTIVITY_ID, PRIMARY, DURATION, COMMENTS, MARKER);

	private EventKeys() {
	}
}
