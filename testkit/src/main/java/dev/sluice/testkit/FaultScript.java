package dev.sluice.testkit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The faults a test scripted for one stand-in, consumed in the order they were scripted.
 *
 * <p>Each request takes at most one fault: the first scripted entry that applies to its operation; an entry scripted
 * for {@code n} times is used by the next {@code n} requests it applies to. Independently of the script, the stand-in
 * can be "down" until a given instant of its clock (or until told otherwise).
 *
 * <p>Thread-safety: scripted by test threads, consumed by Netty event-loop threads. The queue is guarded by this
 * object's monitor (held for a few field updates only, never while waiting); {@link #downUntil} is volatile.
 */
final class FaultScript {

    private static final class Entry {
        final Fault fault;
        int remaining;

        Entry(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Clock clock;
    /** Written by test threads, read by event loops; {@code null} while the stand-in is up. */
    private volatile Instant downUntil;

    FaultScript(Clock clock) {
        this.clock = clock;
    }

    synchronized void add(Fault fault, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        entries.addLast(new Entry(fault, times));
    }

    /** Consumes and returns the next fault that applies to {@code operation}, or {@code null} for none. */
    synchronized Fault take(String operation) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.fault.appliesTo(operation)) {
                if (--e.remaining == 0) {
                    it.remove();
                }
                return e.fault;
            }
        }
        return null;
    }

    /** The number of scripted requests still to be faulted. */
    synchronized int pending() {
        int n = 0;
        for (Entry e : entries) {
            n += e.remaining;
        }
        return n;
    }

    synchronized void clear() {
        entries.clear();
        downUntil = null;
    }

    void downUntil(Instant until) {
        downUntil = until;
    }

    void up() {
        downUntil = null;
    }

    boolean isDown() {
        Instant until = downUntil;
        return until != null && clock.instant().isBefore(until);
    }
}
