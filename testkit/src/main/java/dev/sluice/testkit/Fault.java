package dev.sluice.testkit;

import java.time.Duration;

/**
 * One scripted fault, as a stand-in keeps it in its {@link FaultScript}.
 *
 * @param kind what to do instead of answering normally
 * @param operation the operation (CloudWatch target, Slack method or path) it applies to, or {@code null} for any
 * @param status the HTTP status of an {@link Kind#ANSWER} fault
 * @param code the service's error code of an {@link Kind#ANSWER} fault (its meaning is the stand-in's), may be null
 * @param delay how long a {@link Kind#DELAY} fault holds the request before it is handled normally
 * @param retryAfterSeconds the {@code Retry-After} header of an answer fault, or a negative number for none
 */
record Fault(Kind kind, String operation, int status, String code, Duration delay, int retryAfterSeconds) {

    /** What a scripted fault does. */
    enum Kind {
        /** Answer with the scripted status and error code instead of handling the request. */
        ANSWER,
        /** Hold the request for {@code delay} (on a timer, never a sleeping thread), then handle it normally. */
        DELAY,
        /** Close the connection without any answer. */
        DROP
    }

    static Fault answer(String operation, int status, String code, int retryAfterSeconds) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("a scripted answer's HTTP status must be 200 to 599, was " + status);
        }
        return new Fault(Kind.ANSWER, operation, status, code, Duration.ZERO, retryAfterSeconds);
    }

    static Fault delay(String operation, Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive, was " + delay);
        }
        return new Fault(Kind.DELAY, operation, 0, null, delay, -1);
    }

    static Fault drop(String operation) {
        return new Fault(Kind.DROP, operation, 0, null, Duration.ZERO, -1);
    }

    boolean appliesTo(String op) {
        return operation == null || operation.equals(op);
    }
}
