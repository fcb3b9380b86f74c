package dev.sluice.events;

import dev.sluice.context.Attributes;
import dev.sluice.context.CurrentAttributes;

/**
 * A unit of work for imperative code, on one thread: while open, the thread's events (and the
 * normal records of every Sluice logger) carry its EntryPoint, User, OperationId and ActivityId,
 * and {@link EventLogger#add}/{@link EventLogger#remove} work on its stack. Closing it restores
 * what the thread had before, so scopes nest.
 *
 * <pre>{@code
 * try (EventScope scope = Events.scope("timer:nightly-cleanup", null)) {
 *     events.info("Cleaned {} jobs", n);
 * }
 * }</pre>
 *
 * <p>Not thread-safe: open and close it on the same thread.
 *
 * @throws IllegalStateException from {@link #close()} on another thread than the opening one
 */
public final class EventScope implements AutoCloseable {

	private final Thread owner = Thread.currentThread();
	private final Attributes previousAttributes;
	private final UnitOfWork previousUnit;
	private final Attributes attributes;
	private boolean closed;

	EventScope(String entryPoint, String user) {
		this(Attributes.empty().with(EventKeys.ENTRY_POINT, entryPoint).with(EventKeys.USER, user)
				.with(EventKeys.OPERATION_ID, Events.newId()).with(EventKeys.ACTIVITY_ID, Events.newId()),
				new UnitOfWork(true));
	}

	EventScope(Attributes unitAttributes, UnitOfWork unit) {
		this.previousAttributes = CurrentAttributes.get();
		this.previousUnit = UnitOfWork.current();
		Attributes a = previousAttributes;
		if (!unitAttributes.contains(EventKeys.USER)) {
			a = a.without(EventKeys.USER);
		}
		this.attributes = a.withAll(unitAttributes);
		CurrentAttributes.set(attributes);
		UnitOfWork.setCurrent(unit);
	}

	/** The attributes the scope set: EntryPoint, User, OperationId, ActivityId (and what it inherited). */
	public Attributes attributes() {
		return attributes;
	}

	/** This unit of work's OperationId. */
	public String operationId() {
		return (String) attributes.get(EventKeys.OPERATION_ID);
	}

	@Override
	public void close() {
		if (closed) {
			return;
		}
		if (Thread.currentThread() != owner) {
			throw new IllegalStateException("an EventScope must be closed on the thread that opened it (" + owner.getName()
					+ "), not on " + Thread.currentThread().getName());
		}
		closed = true;
		CurrentAttributes.set(previousAttributes);
		UnitOfWork.setCurrent(previousUnit);
	}
}
