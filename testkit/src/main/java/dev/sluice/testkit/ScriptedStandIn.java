package dev.sluice.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What every stand-in shares: a script of faults consumed one per request in the order scripted, a "down" state
 * that follows the stand-in's clock, and the violations of the service's rules seen so far.
 *
 * <p>Thread-safety: scripted and read by test threads, consumed by Netty event loops; every method may be called from
 * any thread and none blocks.
 *
 * @param <S> the stand-in's own type, returned by the fluent fault methods
 */
public abstract sealed class ScriptedStandIn<S extends ScriptedStandIn<S>> implements AutoCloseable
        permits BugsnagStandIn, CloudWatchLogsStandIn, SlackStandIn {

    final Violations violations = new Violations();
    final FaultScript faults;

    ScriptedStandIn(Clock clock) {
        this.faults = new FaultScript(Objects.requireNonNull(clock, "clock"));
    }

    @SuppressWarnings("unchecked")
    final S self() {
        return (S) this;
    }

    /** The next {@code times} requests are held for {@code delay} (a timer, never a sleeping thread), then served. */
    public final S delayNext(int times, Duration delay) {
        faults.add(Fault.delay(null, delay), times);
        return self();
    }

    /** The next {@code times} requests lose their connection, unanswered. */
    public final S dropNext(int times) {
        faults.add(Fault.drop(null), times);
        return self();
    }

    /** Every request answers 503 until {@link #comeUp()}. */
    public final S goDown() {
        faults.downUntil(Instant.MAX);
        return self();
    }

    /** Every request answers 503 while the stand-in's clock is before {@code until}. */
    public final S goDownUntil(Instant until) {
        faults.downUntil(Objects.requireNonNull(until, "until"));
        return self();
    }

    /** Ends a {@link #goDown()} or {@link #goDownUntil}. */
    public final S comeUp() {
        faults.up();
        return self();
    }

    /** Forgets every scripted fault not yet used and comes up. */
    public final S clearFaults() {
        faults.clear();
        return self();
    }

    /** The number of scripted faulty requests not yet used. */
    public final int pendingFaults() {
        return faults.pending();
    }

    /** The violations seen so far, in order; empty for a well-behaved client. */
    public final List<Violation> violations() {
        return violations.snapshot();
    }

    /** Stops the server; blocks the calling (test) thread while it unbinds. */
    @Override
    public abstract void close();
}
