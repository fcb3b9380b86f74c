package dev.sluice.sinks.file;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/** A virtual clock that tests move by hand: rotations cross midnight, weeks and DST without waiting. */
final class MutableClock extends Clock {

	private final AtomicLong millis;
	private final ZoneId zone;

	MutableClock(long millis, ZoneId zone) {
		this.millis = new AtomicLong(millis);
		this.zone = zone;
	}

	void setMillis(long value) {
		millis.set(value);
	}

	void setSeconds(double seconds) {
		millis.set(Math.round(seconds * 1000));
	}

	void advanceSeconds(long seconds) {
		millis.addAndGet(seconds * 1000);
	}

	@Override
	public ZoneId getZone() {
		return zone;
	}

	@Override
	public Clock withZone(ZoneId z) {
		return new MutableClock(millis.get(), z);
	}

	@Override
	public long millis() {
		return millis.get();
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(millis.get());
	}
}
