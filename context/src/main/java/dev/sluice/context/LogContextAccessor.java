package dev.sluice.context;

import io.micrometer.context.ThreadLocalAccessor;

/**
 * Bridges {@link LogContext#KEY} in Reactor Context to {@link CurrentAttributes} through
 * Micrometer's context-propagation. It is registered through {@code META-INF/services}, so with
 * {@code Hooks.enableAutomaticContextPropagation()} the attributes a chain carries are visible to
 * thread-local readers on every thread the chain runs on, and restored afterwards.
 */
public final class LogContextAccessor implements ThreadLocalAccessor<Attributes> {

	@Override
	public Object key() {
		return LogContext.KEY;
	}

	@Override
	public Attributes getValue() {
		Attributes a = CurrentAttributes.get();
		return a.isEmpty() ? null : a;
	}

	@Override
	public void setValue(Attributes value) {
		CurrentAttributes.set(value);
	}

	@Override
	public void setValue() {
		CurrentAttributes.clear();
	}
}
