package dev.sluice.testkit;

import java.util.Objects;

/**
 * One log event the CloudWatch Logs stand-in accepted and stored.
 *
 * @param timestamp the event's time as the client sent it, in milliseconds since the epoch
 * @param message the message exactly as received
 * @param ingestionTime the stand-in clock's time when the event was accepted, in milliseconds since the epoch
 */
public record StoredLogEvent(long timestamp, String message, long ingestionTime) {

    /** Checks that the message is not null. */
    public StoredLogEvent {
        Objects.requireNonNull(message, "message");
    }
}
