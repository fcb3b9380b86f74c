package dev.sluice.events;

import java.time.Duration;
import java.util.Objects;

/**
 * The retirement rules of an event store: events older than {@link #maxAge()} and, beyond the
 * newest {@link #maxEvents()}, the oldest ones are deleted, every {@link #interval()}. Zero
 * means no limit. Immutable.
 */
public final class Retention {

	/** Keeps everything (still checked hourly, which costs one query). */
	public static final Retention NONE = new Retention(Duration.ZERO, 0, Duration.ofHours(1));

	private final Duration maxAge;
	private final long maxEvents;
	private final Duration interval;

	private Retention(Duration maxAge, long maxEvents, Duration interval) {
		this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
		this.interval = Objects.requireNonNull(interval, "interval");
		if (maxAge.isNegative()) {
			throw new IllegalArgumentException("retention age must not be negative, was " + maxAge);
		}
		if (maxEvents < 0) {
			throw new IllegalArgumentException("max_events must not be negative, was " + maxEvents);
		}
		if (interval.isZero() || interval.isNegative()) {
			throw new IllegalArgumentException("retention interval must be positive, was " + interval);
		}
		this.maxEvents = maxEvents;
	}

	/**
	 * Rules of {@code retentionDays} days (0: no age limit) and {@code maxEvents} (0: no count
	 * limit), applied hourly.
	 */
	public static Retention of(int retentionDays, long maxEvents) {
		if (retentionDays < 0) {
			throw new IllegalArgumentException("retention_days must not be negative, was " + retentionDays);
		}
		return new Retention(Duration.ofDays(retentionDays), maxEvents, Duration.ofHours(1));
	}

	public static Retention of(Duration maxAge, long maxEvents) {
		return new Retention(maxAge, maxEvents, Duration.ofHours(1));
	}

	/** These rules applied every {@code newInterval}. */
	public Retention withInterval(Duration newInterval) {
		return new Retention(maxAge, maxEvents, newInterval);
	}

	public Duration maxAge() {
		return maxAge;
	}

	public long maxEvents() {
		return maxEvents;
	}

	public Duration interval() {
		return interval;
	}

	@Override
	public String toString() {
		return "Retention{maxAge=" + maxAge + ", maxEvents=" + maxEvents + ", interval=" + interval + '}';
	}
}
