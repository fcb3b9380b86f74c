package dev.sluice.events;

import io.micrometer.context.ThreadLocalAccessor;

/**
 * Bridges a chain's {@link UnitOfWork} (Reactor Context key {@link UnitOfWork#KEY}) to the
 * thread-local the imperative {@link EventLogger} methods read, through Micrometer's
 * context-propagation. Registered in {@code META-INF/services}; with
 * {@code Hooks.enableAutomaticContextPropagation()} a plain {@code events.info(...)} inside
 * {@code map} sees its chain's unit of work, on whatever thread the chain runs.
 */
public final class UnitOfWorkAccessor implements ThreadLocalAccessor<Object> {

	@Override
	public Object key() {
		return UnitOfWork.KEY;
	}

	@Override
	public Object getValue() {
		return UnitOfWork.current();
	}

	@Override
	public void setValue(Object value) {
		UnitOfWork.setCurrent(value instanceof UnitOfWork ? (UnitOfWork) value : null);
	}

	@Override
	public void setValue() {
		UnitOfWork.setCurrent(null);
	}
}
