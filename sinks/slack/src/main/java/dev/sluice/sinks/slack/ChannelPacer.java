package dev.sluice.sinks.slack;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps the sink within Slack's pace for each channel: at most one message per {@code pace}, and
 * after a {@code Retry-After} nothing before the time Slack named. Time is the scheduler's
 * ({@link Scheduler#now}), so a {@code VirtualTimeScheduler} drives it in tests; waiting is a
 * {@link Mono#delay} on that scheduler, never a sleeping thread.
 *
 * <p>Slack's limit is per channel, not per handler: every sink of the JVM that posts to the same
 * channel (two handlers, or the old and new sink across a config reload) shares one
 * {@link #shared pacer} per scheduler, keyed by where the messages go.
 *
 * <p>Thread-safety: the per-channel times are guarded by this object's monitor, held for a few
 * arithmetic steps only (calls come from the sinks' runner threads and the scheduler's).
 */
final class ChannelPacer {

	/** One pacer per scheduler: sinks on the same (real) time share their channels' pace. */
	private static final Map<Scheduler, ChannelPacer> SHARED = new WeakHashMap<>();

	private final Scheduler scheduler;
	/** Channel to the earliest time (scheduler millis) of its next message. */
	private final Map<String, Long> next = new HashMap<>();

	ChannelPacer(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	/** The pacer every sink on {@code scheduler} shares. */
	static ChannelPacer shared(Scheduler scheduler) {
		synchronized (SHARED) {
			return SHARED.computeIfAbsent(scheduler, ChannelPacer::new);
		}
	}

	/**
	 * Completes when a message may be posted to {@code channel}, having reserved that slot: each
	 * subscription takes the next free slot, so a retry waits its turn again.
	 */
	Mono<Void> turn(String channel, Duration pace) {
		long paceMillis = pace.toMillis();
		return Mono.defer(() -> {
			long wait = reserve(channel, paceMillis);
			return wait <= 0 ? Mono.empty() : Mono.delay(Duration.ofMillis(wait), scheduler).then();
		});
	}

	/** Slack asked to wait {@code retryAfter} before the next call to {@code channel}. */
	synchronized void holdOff(String channel, Duration retryAfter) {
		long until = now() + retryAfter.toMillis();
		next.merge(channel, until, Math::max);
	}

	/** Millis until the next free slot, which is taken. */
	private synchronized long reserve(String channel, long paceMillis) {
		long now = now();
		long slot = Math.max(now, next.getOrDefault(channel, Long.MIN_VALUE));
		next.put(channel, slot + paceMillis);
		return slot - now;
	}

	/** Millis until {@code channel} may be posted to (0 when it may now); reserves nothing. */
	synchronized long waitMillis(String channel) {
		return Math.max(0, next.getOrDefault(channel, Long.MIN_VALUE) - now());
	}

	private long now() {
		return scheduler.now(TimeUnit.MILLISECONDS);
	}
}
