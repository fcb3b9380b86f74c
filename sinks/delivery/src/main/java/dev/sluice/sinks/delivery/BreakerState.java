package dev.sluice.sinks.delivery;

/**
 * The states of a delivery engine's circuit breaker, published as the gauge
 * {@code sluice.delivery.breaker.state} with the value {@link #code()}.
 */
public enum BreakerState {
	/** Requests go to the service. */
	CLOSED(0),
	/** After the open period: one probe request goes to the service; the others wait. */
	HALF_OPEN(1),
	/** Too many failures in a row: no request goes to the service until the open period ends. */
	OPEN(2);

	private final int code;

	BreakerState(int code) {
		this.code = code;
	}

	/** The gauge value: 0 closed, 1 half-open, 2 open. */
	public int code() {
		return code;
	}
}
