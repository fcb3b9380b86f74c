package dev.sluice.pipeline.engine;

/**
 * Marks a failure thrown by {@code Sink.write} itself, not signalled by the Mono it returned: the
 * runner then writes the batch's records again one by one, so that a record the sink cannot
 * encode costs itself, not the batch.
 */
final class ThrownByWrite extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ThrownByWrite(Throwable cause) {
		super(null, cause, false, false);
	}

	/** The failure itself: {@code t}'s cause when it marks one thrown by {@code write}. */
	static Throwable cause(Throwable t) {
		return t instanceof ThrownByWrite ? t.getCause() : t;
	}

	/** What {@code Mono.block()} threw, without Reactor's wrapper for checked exceptions. */
	static Throwable unwrapBlocked(Throwable t) {
		if (t.getClass().getName().equals("reactor.core.Exceptions$ReactiveException") && t.getCause() != null) {
			return t.getCause();
		}
		return t;
	}
}
