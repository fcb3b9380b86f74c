package dev.sluice.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The thread-safe list of violations one stand-in recorded. Written by Netty event-loop threads (never blocking:
 * {@link CopyOnWriteArrayList} appends take a short private lock without parking), read by test threads.
 */
final class Violations {

    private final CopyOnWriteArrayList<Violation> seen = new CopyOnWriteArrayList<>();

    void add(String where, String rule, String detail) {
        seen.add(new Violation(where, rule, detail));
    }

    List<Violation> snapshot() {
        return List.copyOf(seen);
    }

    void clear() {
        seen.clear();
    }
}
