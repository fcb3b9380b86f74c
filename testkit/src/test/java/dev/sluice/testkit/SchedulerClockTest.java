package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A stand-in on virtual time: its "down until" window ends when virtual time passes it, not wall time. */
class SchedulerClockTest {

    static final Instant ORIGIN = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void followsVirtualTime() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        SchedulerClock clock = SchedulerClock.of(vts, ORIGIN);

        assertThat(clock.instant()).isEqualTo(ORIGIN);
        vts.advanceTimeBy(Duration.ofHours(3));
        assertThat(clock.instant()).isEqualTo(ORIGIN.plus(Duration.ofHours(3)));
        assertThat(clock.millis()).isEqualTo(ORIGIN.plus(Duration.ofHours(3)).toEpochMilli());
    }

    @Test
    void drivesAStandInsOutageWindow() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        try (BugsnagStandIn bugsnag = BugsnagStandIn.start(SchedulerClock.of(vts, ORIGIN), null)) {
            bugsnag.goDownUntil(ORIGIN.plusSeconds(30));
            assertThat(post(bugsnag)).isEqualTo(503);
            vts.advanceTimeBy(Duration.ofSeconds(30));
            assertThat(post(bugsnag)).isEqualTo(200);
        }
    }

    static int post(BugsnagStandIn bugsnag) {
        return Http.post(bugsnag.notifyUrl(), h -> h.set("Content-Type", "application/json")
                        .set("Bugsnag-Api-Key", BugsnagStandInTest.KEY).set("Bugsnag-Payload-Version", "5")
                        .set("Bugsnag-Sent-At", ORIGIN.toString()),
                BugsnagStandInTest.payload().toString()).status();
    }
}
