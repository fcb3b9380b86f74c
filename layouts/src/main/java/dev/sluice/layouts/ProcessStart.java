package dev.sluice.layouts;

import java.time.Instant;

/**
 * The instant {@code relativeCreated} counts from, as CPython's {@code logging._startTime}: the
 * time this class was loaded (in practice, when the first formatter is built), in nanoseconds
 * since the epoch. A formatter can be given another start with
 * {@link PythonFormatter.Builder#startNanos(long)} (tests).
 */
public final class ProcessStart {

	private static final long EPOCH_NANOS;

	static {
		Instant now = Instant.now();
		EPOCH_NANOS = now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

	private ProcessStart() {
	}

	/** The start, in nanoseconds since the epoch. */
	public static long epochNanos() {
		return EPOCH_NANOS;
	}
}
