package dev.sluice.events;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;

/**
 * An {@link EventLogger} bound to one Reactor Context: its attributes and its unit of work. For
 * use where a context is at hand but no Mono is wanted: {@code doOnEach},
 * {@code Mono.deferContextual}, {@code transformDeferredContextual}. Cheap to make; not meant to
 * be kept. Thread-safe and non-blocking.
 */
public final class ContextualEvents implements EventMethods {

	private final EventLogger events;
	private final Attributes attributes;
	private final UnitOfWork unit;

	ContextualEvents(EventLogger events, Attributes attributes, UnitOfWork unit) {
		this.events = events;
		this.attributes = attributes;
		this.unit = unit;
	}

	@Override
	public void log(Level level, EventContext context, String message, Object... args) {
		events.emit(level, context, attributes, unit, null, message, args, null);
	}

	public void debug(String message, Object... args) {
		log(Level.DEBUG, EventContext.empty(), message, args);
	}

	/**
	 * Pushes onto the bound unit of work's stack.
	 *
	 * @throws IllegalStateException when the context has no unit of work ({@link Events#unitOfWork})
	 */
	public void add(EventContext context) {
		requireUnit("add").push(context);
	}

	/** Pops the last add of the bound unit of work; false when its stack was empty. */
	public boolean remove() {
		return requireUnit("remove").pop();
	}

	/** Starts timing in the bound context; see {@link EventLogger#begin(String)}. */
	public Timing begin(EventContext context, String message) {
		return events.begin(context, message, attributes, unit);
	}

	public Timing begin(String message) {
		return begin(EventContext.empty(), message);
	}

	private UnitOfWork requireUnit(String what) {
		if (unit == null) {
			throw new IllegalStateException(what + "() needs a unit of work: run the chain inside Events.unitOfWork(...), "
					+ "or use contextWrite(Events.with(...)) for attributes of one chain");
		}
		return unit;
	}
}
