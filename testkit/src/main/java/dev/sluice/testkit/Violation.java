package dev.sluice.testkit;

import java.util.Objects;

/**
 * One protocol or limit violation a stand-in saw in a request.
 *
 * <p>Stand-ins record a violation whenever a client breaks a rule of the service it talks to (a malformed header, a
 * batch over a limit, a payload of the wrong shape) or one of Sluice's own stricter rules. A test that exercises a
 * well-behaved client asserts that the stand-in's {@code violations()} list is empty; the {@link #toString()} of each
 * entry says where it happened and what was wrong.
 *
 * @param where the operation or endpoint, for example {@code PutLogEvents} or {@code chat.postMessage}
 * @param rule a short stable name of the broken rule, for example {@code batch-count} (tests may match on it)
 * @param detail a human-readable explanation with the offending values
 */
public record Violation(String where, String rule, String detail) {

    /** Checks that no component is null. */
    public Violation {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return where + ": [" + rule + "] " + detail;
    }
}
