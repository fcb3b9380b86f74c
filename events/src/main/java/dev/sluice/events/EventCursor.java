package dev.sluice.events;

import java.util.UUID;

/**
 * A position in newest-first order: an event's time (epoch nanoseconds) and id, as the text
 * {@code "<nanos>:<uuid>"}. Events are ordered by time, then id, both descending.
 */
final class EventCursor {

	final long timeNanos;
	final String id;

	private EventCursor(long timeNanos, String id) {
		this.timeNanos = timeNanos;
		this.id = id;
	}

	static String of(Event e) {
		return EventRows.nanos(e.time()) + ":" + e.id();
	}

	/**
	 * @throws IllegalArgumentException when {@code text} is not a cursor made by {@link Event#cursor()}
	 */
	static EventCursor parse(String text) {
		int colon = text.indexOf(':');
		try {
			long nanos = Long.parseLong(text.substring(0, colon));
			UUID id = UUID.fromString(text.substring(colon + 1));
			return new EventCursor(nanos, id.toString());
		}
		catch (RuntimeException e) {
			throw new IllegalArgumentException("'" + text + "' is not an event cursor (expected Event.cursor()'s \"<nanos>:<id>\")");
		}
	}
}
