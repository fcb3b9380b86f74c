package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The order faults are used in, per operation, and the "down" window on a manual clock. */
class FaultScriptTest {

    final ManualClock clock = ManualClock.at(Instant.parse("2026-03-01T12:00:00Z"));
    final FaultScript script = new FaultScript(clock);

    @Test
    void usesFaultsInScriptOrderSkippingThoseForOtherOperations() {
        script.add(Fault.answer("PutLogEvents", 400, "ThrottlingException", -1), 2);
        script.add(Fault.drop(null), 1);

        assertThat(script.take("CreateLogStream").kind()).isEqualTo(Fault.Kind.DROP);
        assertThat(script.take("CreateLogStream")).isNull();
        assertThat(script.pending()).isEqualTo(2);
        assertThat(script.take("PutLogEvents").code()).isEqualTo("ThrottlingException");
        assertThat(script.take("PutLogEvents").code()).isEqualTo("ThrottlingException");
        assertThat(script.take("PutLogEvents")).isNull();
        assertThat(script.pending()).isZero();
    }

    @Test
    void isDownUntilTheClockReachesTheInstant() {
        script.downUntil(clock.instant().plusSeconds(30));
        assertThat(script.isDown()).isTrue();
        clock.advance(Duration.ofSeconds(29));
        assertThat(script.isDown()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(script.isDown()).isFalse();

        script.downUntil(Instant.MAX);
        script.clear();
        assertThat(script.isDown()).isFalse();
    }

    @Test
    void refusesNonsenseWithAClearMessage() {
        assertThatThrownBy(() -> script.add(Fault.drop(null), 0)).hasMessageContaining("times must be at least 1");
        assertThatThrownBy(() -> Fault.answer(null, 42, "x", -1)).hasMessageContaining("200 to 599, was 42");
        assertThatThrownBy(() -> Fault.delay(null, Duration.ofSeconds(-1))).hasMessageContaining("delay");
    }
}
