package dev.sluice.sinks.kafka;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Record ids as version-7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then random bits, so
 * ids sort by time and two records never share one in practice (74 random bits per
 * millisecond). A consumer de-duplicates redelivered records by this id.
 *
 * <p>Thread-safe and non-blocking (it uses {@link ThreadLocalRandom}, never {@code SecureRandom},
 * whose seeding can block).
 */
final class RecordIds {

	private RecordIds() {
	}

	/** A new UUIDv7 for {@code epochMillis}. */
	static String next(long epochMillis) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random.nextInt() & 0x0FFF);
		long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(msb, lsb).toString();
	}
}
