package dev.sluice.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each {@code Retry-After} a stand-in answered, per key (a Slack channel, Bugsnag's notify endpoint), so
 * that a client calling again before it elapsed is caught: that is a violation even when the call would otherwise be
 * allowed. Time comes from the stand-in's clock, so a test on virtual time must move that clock with it.
 *
 * <p>Thread-safety: a {@link ConcurrentHashMap}; written and read by Netty event loops.
 */
final class RetryAfterLedger {

    private final Clock clock;
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();

    RetryAfterLedger(Clock clock) {
        this.clock = clock;
    }

    /** Records that {@code key} was told to wait {@code seconds}. */
    void told(String key, long seconds) {
        if (seconds > 0) {
            notBefore.put(key, clock.instant().plusSeconds(seconds));
        }
    }

    /**
     * The time still to wait when {@code key} calls now, or {@code null} when it may call (the entry is then
     * forgotten).
     */
    Duration early(String key) {
        Instant until = notBefore.get(key);
        if (until == null) {
            return null;
        }
        Instant now = clock.instant();
        if (!now.isBefore(until)) {
            notBefore.remove(key, until);
            return null;
        }
        return Duration.between(now, until);
    }

    /** Whole seconds, at least 1, for a {@code Retry-After} header. */
    static long seconds(Duration wait) {
        long s = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}
