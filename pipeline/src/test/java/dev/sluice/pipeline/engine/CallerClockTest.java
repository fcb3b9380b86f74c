package dev.sluice.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CallerClockTest {

	/** A wall clock the test sets by hand. */
	private static final class HandClock extends Clock {
		volatile Instant now;

		HandClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return now;
		}
	}

	@Test
	void systemClockInAnyZoneIsReadAsBasePlusElapsedAndInjectedClocksAreAsked() {
		assertThat(CallerClock.of(Clock.systemUTC()).isMonotonic()).isTrue();
		assertThat(CallerClock.of(Clock.system(ZoneId.of("Europe/Berlin"))).isMonotonic()).isTrue();
		Instant fixed = Instant.parse("2026-11-23T10:15:30.123456789Z");
		CallerClock injected = CallerClock.of(Clock.fixed(fixed, ZoneOffset.UTC));
		assertThat(injected.isMonotonic()).isFalse();
		assertThat(injected.epochNanos()).isEqualTo(CallerClock.toNanos(fixed));
		HandClock hand = new HandClock(fixed);
		CallerClock virtual = CallerClock.of(hand);
		hand.now = fixed.plusSeconds(3_600);
		assertThat(virtual.epochNanos()).as("virtual time moves the records' time").isEqualTo(CallerClock.toNanos(fixed) + 3_600_000_000_000L);
	}

	@Test
	void elapsedMonotonicTimeIsAddedToTheBaseAndAStepOfTheWallClockIsSeenAtTheNextResync() {
		Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
		HandClock wall = new HandClock(t0);
		AtomicLong mono = new AtomicLong(5_000);
		CallerClock clock = CallerClock.monotonic(wall, mono::get);
		long base = CallerClock.toNanos(t0);
		assertThat(clock.epochNanos()).isEqualTo(base);
		mono.addAndGet(1_234);
		assertThat(clock.epochNanos()).isEqualTo(base + 1_234);

		// the wall clock is stepped forward by an hour; before a second has passed nothing changes
		wall.now = t0.plus(Duration.ofHours(1));
		mono.addAndGet(500_000_000L - 1_234);
		clock.resync();
		assertThat(clock.epochNanos()).isEqualTo(base + 500_000_000L);
		// a second after the base, the router's resync takes the wall clock again
		mono.addAndGet(CallerClock.RESYNC_NANOS);
		clock.resync();
		long stepped = CallerClock.toNanos(wall.now);
		assertThat(clock.epochNanos()).isEqualTo(stepped);
		mono.addAndGet(7);
		assertThat(clock.epochNanos()).isEqualTo(stepped + 7);
	}

	@Test
	void theSystemPathAgreesWithTheSystemClock() {
		CallerClock clock = CallerClock.of(Clock.systemUTC());
		for (int i = 0; i < 1_000; i++) {
			long before = CallerClock.toNanos(Instant.now());
			long read = clock.epochNanos();
			long after = CallerClock.toNanos(Instant.now());
			// the base is taken between two monotonic reads: the error is at most that window, and
			// the system clock's own resolution; a wide margin keeps this free of timing on a loaded machine
			assertThat(read).isBetween(before - 50_000_000L, after + 50_000_000L);
		}
	}
}
