package dev.sluice.testkit;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Slack's per-channel posting rate as a token bucket: each channel may post one message per {@code interval}, with
 * up to {@code burst} messages in a row after a quiet period. Time comes from an injectable clock.
 *
 * <p>Thread-safety: the buckets are guarded by this object's monitor, held for a few arithmetic steps only.
 */
final class ChannelRateLimiter {

    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    private final Clock clock;
    private final long intervalNanos;
    private final int burst;
    private final Map<String, Bucket> buckets = new HashMap<>();

    ChannelRateLimiter(Clock clock, Duration interval, int burst) {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
        this.clock = clock;
        this.intervalNanos = interval.toNanos();
        this.burst = burst;
    }

    /**
     * Takes one message's permit for {@code channel}.
     *
     * @return 0 when the message may be posted, otherwise the whole seconds (at least 1) to wait, for
     *     {@code Retry-After}
     */
    synchronized long acquire(String channel) {
        long now = nanos();
        Bucket b = buckets.computeIfAbsent(channel, k -> new Bucket(burst, now));
        b.tokens = Math.min(burst, b.tokens + (double) (now - b.lastNanos) / intervalNanos);
        b.lastNanos = now;
        if (b.tokens >= 1.0) {
            b.tokens -= 1.0;
            return 0;
        }
        double waitNanos = (1.0 - b.tokens) * intervalNanos;
        return Math.max(1, (long) Math.ceil(waitNanos / 1_000_000_000d));
    }

    private long nanos() {
        var t = clock.instant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
