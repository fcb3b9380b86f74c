package dev.sluice.events;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes UUIDv7 (RFC 9562) identifiers: 48 bits of Unix milliseconds, then a 12-bit counter that
 * keeps ids made in the same millisecond increasing (method 1 of the RFC), then 62 random bits.
 * Ids from one generator are strictly increasing, even when the clock steps back: a time earlier
 * than the last one is treated as the last one. Thread-safe (synchronized: ids are made off the
 * caller's thread, by the events sink, so the lock is not on a hot path).
 *
 * <p>The random bits come from {@link ThreadLocalRandom}: ids must be unique, not unguessable,
 * and {@code SecureRandom} may read {@code /dev/urandom}, a blocking call on a Reactor thread.
 */
final class UuidV7 {

	/** Guarded by this. */
	private long lastMillis = -1;
	/** Guarded by this. */
	private int counter;

	synchronized UUID next(long epochMillis) {
		long millis = Math.max(epochMillis, lastMillis);
		if (millis == lastMillis) {
			counter++;
			if (counter > 0xFFF) {
				millis++;
				counter = 0;
			}
		}
		else {
			counter = ThreadLocalRandom.current().nextInt(0x400); // leave room for increments within the millisecond
		}
		lastMillis = millis;
		long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | counter;
		return make(msb);
	}

	/** A UUIDv7 of {@code epochMillis} with random bits only (no ordering within a millisecond). */
	static UUID random(long epochMillis) {
		long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | ThreadLocalRandom.current().nextInt(0x1000);
		return make(msb);
	}

	private static UUID make(long msb) {
		long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(msb, lsb);
	}

	/** The Unix milliseconds of a UUIDv7. */
	static long millis(UUID id) {
		return id.getMostSignificantBits() >>> 16;
	}
}
