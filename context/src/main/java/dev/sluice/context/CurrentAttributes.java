package dev.sluice.context;

/**
 * The attributes of the unit of work running on the current thread, for code that has no
 * Reactor Context at hand (imperative code, MDC-style callers).
 *
 * <p>Reactor Context stays the source of truth: this thread-local is only filled by Micrometer's
 * context-propagation (see {@link LogContextAccessor}) when a chain hops threads with
 * {@code Hooks.enableAutomaticContextPropagation()}, or by {@link #set} for a scope the caller
 * manages itself. Reading it costs one thread-local lookup and never allocates.
 */
public final class CurrentAttributes {

	private static final ThreadLocal<Attributes> CURRENT = new ThreadLocal<>();

	private CurrentAttributes() {
	}

	/** The current thread's attributes; empty when none are set. */
	public static Attributes get() {
		Attributes a = CURRENT.get();
		return a == null ? Attributes.empty() : a;
	}

	/** Sets the current thread's attributes (null clears them). */
	public static void set(Attributes attributes) {
		if (attributes == null || attributes.isEmpty()) {
			CURRENT.remove();
		}
		else {
			CURRENT.set(attributes);
		}
	}

	/** Clears the current thread's attributes. */
	public static void clear() {
		CURRENT.remove();
	}
}
