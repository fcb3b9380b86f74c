package dev.sluice.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The documented rules of {@code PutLogEvents}, applied to one batch as the service applies them.
 *
 * <p>Structural rules (count, size, order, span, empty messages) reject the whole batch with
 * {@code InvalidParameterException}; every rule broken is recorded as a violation, and the first one is the answer.
 * Time rules (older than 14 days, older than the group's retention, more than 2 hours ahead of the clock) reject only
 * the events concerned, reported through {@code rejectedLogEventsInfo}; the batch is sorted by then, so the too old and
 * expired events are a prefix and the too new ones a suffix. Sluice never sends events the service would reject, so
 * each of these is a violation too.
 */
final class PutLogEventsRules {

    static final int MAX_EVENTS = 10_000;
    static final int MAX_BATCH_BYTES = 1_048_576;
    static final int EVENT_OVERHEAD_BYTES = 26;
    static final int MAX_EVENT_BYTES = 1_048_576;
    static final long MAX_SPAN_MILLIS = Duration.ofHours(24).toMillis();
    static final long MAX_AGE_MILLIS = Duration.ofDays(14).toMillis();
    static final long MAX_AHEAD_MILLIS = Duration.ofHours(2).toMillis();

    private static final String WHERE = "PutLogEvents";

    /** One event of a request; {@code message} is null when the request had none. */
    record InputEvent(long timestamp, String message) { }

    /**
     * What the service keeps of a valid batch.
     *
     * @param accepted the events stored
     * @param tooNewStart index of the first too new event (inclusive), or null
     * @param tooOldEnd index after the last too old event (exclusive), or null
     * @param expiredEnd index after the last event older than the group's retention (exclusive), or null
     */
    record Outcome(List<StoredLogEvent> accepted, Integer tooNewStart, Integer tooOldEnd, Integer expiredEnd) { }

    private PutLogEventsRules() {
    }

    /** The bytes an event counts for in a batch: its message in UTF-8 plus 26. */
    static long eventSize(String message) {
        return (long) utf8Length(message) + EVENT_OVERHEAD_BYTES;
    }

    /**
     * Checks the structural rules of one batch, recording every rule broken.
     *
     * @param events the events in request order
     * @throws AwsError {@code InvalidParameterException} for the first structural rule broken
     */
    static void checkStructure(List<InputEvent> events, Violations violations) {
        List<AwsError> errors = new ArrayList<>();
        if (events.isEmpty()) {
            reject(errors, violations, "empty-batch", "logEvents must contain at least one event");
        }
        if (events.size() > MAX_EVENTS) {
            reject(errors, violations, "batch-count", events.size() + " events in one batch; at most " + MAX_EVENTS
                    + " are allowed");
        }
        long bytes = 0;
        int empty = 0;
        int firstEmpty = -1;
        int oversized = 0;
        int firstOversized = -1;
        long firstOversizedBytes = 0;
        for (int i = 0; i < events.size(); i++) {
            String message = events.get(i).message();
            if (message == null || message.isEmpty()) {
                firstEmpty = empty++ == 0 ? i : firstEmpty;
                continue;
            }
            long size = eventSize(message);
            if (size > MAX_EVENT_BYTES) {
                if (oversized++ == 0) {
                    firstOversized = i;
                    firstOversizedBytes = size;
                }
            }
            bytes += size;
        }
        // One violation per rule and batch, with a count: 10,000 empty messages are one mistake, not 10,000.
        if (empty > 0) {
            reject(errors, violations, "empty-message", empty + " event(s) with an empty message, the first at"
                    + " logEvents." + (firstEmpty + 1) + ".member.message; messages must have at least 1 character");
        }
        if (oversized > 0) {
            reject(errors, violations, "event-size", oversized + " event(s) over the per-event limit, the first at"
                    + " index " + firstOversized + " counting " + firstOversizedBytes + " bytes (UTF-8 message + 26);"
                    + " one event may count at most " + MAX_EVENT_BYTES);
        }
        if (bytes > MAX_BATCH_BYTES) {
            reject(errors, violations, "batch-bytes", "Upload too large: " + bytes
                    + " bytes (UTF-8 messages + 26 per event) exceeds limit of " + MAX_BATCH_BYTES);
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).timestamp() < events.get(i - 1).timestamp()) {
                reject(errors, violations, "chronological-order", "Log events in a single PutLogEvents request must"
                        + " be in chronological order: event " + i + " (" + events.get(i).timestamp()
                        + ") is earlier than event " + (i - 1) + " (" + events.get(i - 1).timestamp() + ")");
                break;
            }
        }
        if (!events.isEmpty()) {
            long first = min(events);
            long last = max(events);
            if (last - first > MAX_SPAN_MILLIS) {
                reject(errors, violations, "batch-span", "The batch of log events in a single PutLogEvents request"
                        + " cannot span more than 24 hours; it spans " + Duration.ofMillis(last - first));
            }
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    /**
     * Applies the time rules to a batch that passed {@link #checkStructure} (so it is sorted).
     *
     * @param now the stand-in's clock, in epoch milliseconds
     * @param retentionInDays the group's retention, or null when it keeps events forever
     */
    static Outcome timeRules(List<InputEvent> events, long now, Integer retentionInDays,
            Violations violations) {
        int n = events.size();
        int tooOld = 0;
        while (tooOld < n && events.get(tooOld).timestamp() < now - MAX_AGE_MILLIS) {
            tooOld++;
        }
        int expired = 0;
        if (retentionInDays != null) {
            long limit = now - Duration.ofDays(retentionInDays).toMillis();
            while (expired < n && events.get(expired).timestamp() < limit) {
                expired++;
            }
        }
        int tooNew = n;
        while (tooNew > 0 && events.get(tooNew - 1).timestamp() > now + MAX_AHEAD_MILLIS) {
            tooNew--;
        }
        if (tooOld > 0) {
            violations.add(WHERE, "too-old", tooOld + " event(s) older than 14 days were sent (rejected by the"
                    + " service through tooOldLogEventEndIndex=" + tooOld + ")");
        }
        if (expired > 0) {
            violations.add(WHERE, "expired", expired + " event(s) older than the group's retention of "
                    + retentionInDays + " days were sent (rejected through expiredLogEventEndIndex=" + expired + ")");
        }
        if (tooNew < n) {
            violations.add(WHERE, "too-new", (n - tooNew) + " event(s) more than 2 hours in the future were sent"
                    + " (rejected through tooNewLogEventStartIndex=" + tooNew + ")");
        }
        List<StoredLogEvent> accepted = new ArrayList<>();
        for (int i = Math.max(tooOld, expired); i < tooNew; i++) {
            accepted.add(new StoredLogEvent(events.get(i).timestamp(), events.get(i).message(), now));
        }
        return new Outcome(accepted, tooNew < n ? tooNew : null, tooOld > 0 ? tooOld : null,
                expired > 0 ? expired : null);
    }

    private static void reject(List<AwsError> errors, Violations violations, String rule, String detail) {
        violations.add(WHERE, rule, detail);
        errors.add(AwsError.invalidParameter(detail));
    }

    private static long min(List<InputEvent> events) {
        long m = Long.MAX_VALUE;
        for (InputEvent e : events) {
            m = Math.min(m, e.timestamp());
        }
        return m;
    }

    private static long max(List<InputEvent> events) {
        long m = Long.MIN_VALUE;
        for (InputEvent e : events) {
            m = Math.max(m, e.timestamp());
        }
        return m;
    }

    /** UTF-8 length without encoding; an unpaired surrogate counts 3 bytes, as its escape
     * decodes to on the service. */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
