package dev.sluice.testkit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Scheduler;

/**
 * A {@link Clock} that reads a Reactor {@link Scheduler}'s time, so that a stand-in follows virtual time: with
 * {@code StepVerifier.withVirtualTime} or a {@code VirtualTimeScheduler}, the stand-in's time rules ("down until",
 * Slack's pacing, {@code Retry-After}, CloudWatch's 14-day and 2-hour windows) move exactly when the code under test
 * waits.
 *
 * <p>A virtual-time scheduler starts at zero, so the clock adds its time to an {@code origin}: {@code instant()} is
 * {@code origin + scheduler.now(NANOSECONDS)}. Thread-safe as far as the scheduler's {@code now} is.
 */
public final class SchedulerClock extends Clock {

    private final Scheduler scheduler;
    private final Instant origin;
    private final ZoneId zone;

    private SchedulerClock(Scheduler scheduler, Instant origin, ZoneId zone) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * A UTC clock standing at {@code origin} when the scheduler's time is zero.
     *
     * @param scheduler for example {@code VirtualTimeScheduler.getOrSet()}
     * @param origin the instant the scheduler's zero stands for
     */
    public static SchedulerClock of(Scheduler scheduler, Instant origin) {
        return new SchedulerClock(scheduler, origin, ZoneOffset.UTC);
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(scheduler.now(TimeUnit.NANOSECONDS));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SchedulerClock(scheduler, origin, zone);
    }

    @Override
    public String toString() {
        return "SchedulerClock[" + scheduler + " from " + origin + "]";
    }
}
