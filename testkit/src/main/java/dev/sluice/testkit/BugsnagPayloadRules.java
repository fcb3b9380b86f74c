package dev.sluice.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The shape of an Error Reporting API payload, version 5, checked field by field.
 *
 * <p>Required: {@code notifier} ({@code name}, {@code version}, {@code url}) and a non-empty {@code events} array;
 * each event has a non-empty {@code exceptions} array (each with a non-empty {@code errorClass}, an optional string
 * {@code message} and a {@code stacktrace} of frames with string {@code file}, integer {@code lineNumber}, string
 * {@code method} and optional boolean {@code inProject}), {@code severity} (error, warning or info),
 * {@code severityReason.type} (one of Bugsnag's reason types) and a boolean {@code unhandled}. Optional fields, when
 * present, must have their documented types: {@code context}, {@code groupingHash} (strings), {@code user}
 * ({@code id}, {@code name}, {@code email} strings), {@code app}, {@code device}, {@code session} (objects),
 * {@code metaData} (an object of tab objects) and {@code breadcrumbs} ({@code timestamp} in ISO-8601, {@code name},
 * {@code type} one of Bugsnag's breadcrumb types, optional {@code metaData} object).
 */
final class BugsnagPayloadRules {

    static final String WHERE = "notify";

    static final Set<String> SEVERITIES = Set.of("error", "warning", "info");
    static final Set<String> REASON_TYPES = Set.of("unhandledException", "unhandledError", "log", "signal",
            "strictMode", "unhandledPromiseRejection", "callbackErrorIntercept", "errorClass", "unhandledPanic",
            "userCallbackSetSeverity", "userSpecifiedSeverity", "handledException", "handledError", "handledPanic",
            "userContext", "anrError", "outOfMemory");
    static final Set<String> BREADCRUMB_TYPES = Set.of("navigation", "request", "process", "log", "user", "state",
            "error", "manual");

    private BugsnagPayloadRules() {
    }

    /**
     * Checks a parsed payload, recording every rule broken.
     *
     * @param headerApiKey the {@code Bugsnag-Api-Key} header, to compare with an {@code apiKey} in the body
     * @return false when the payload cannot be accepted at all (no events array), true otherwise
     */
    static boolean check(JsonNode payload, String headerApiKey, Violations v) {
        JsonNode apiKey = payload.get("apiKey");
        if (apiKey == null || !apiKey.isTextual()) {
            v.add(WHERE, "api-key", "apiKey (the project's notifier key) is required in the body by the v5 schema");
        } else if (!apiKey.asText().equals(headerApiKey)) {
            v.add(WHERE, "api-key", "the body's apiKey differs from the Bugsnag-Api-Key header");
        }
        JsonNode version = payload.get("payloadVersion");
        if (version == null || !"5".equals(version.asText())) {
            v.add(WHERE, "payload-version", "payloadVersion \"5\" is required");
        }
        JsonNode notifier = payload.get("notifier");
        if (notifier == null || !notifier.isObject()) {
            v.add(WHERE, "notifier", "notifier {name, version, url} is required");
        } else {
            for (String field : new String[] {"name", "version", "url"}) {
                requireText(notifier, field, "notifier." + field, "notifier", v);
            }
        }
        JsonNode events = payload.get("events");
        if (events == null || !events.isArray() || events.size() == 0) {
            v.add(WHERE, "events", "events must be a non-empty array");
            return false;
        }
        for (int i = 0; i < events.size(); i++) {
            checkEvent(events.get(i), "events[" + i + "]", v);
        }
        return true;
    }

    private static void checkEvent(JsonNode e, String at, Violations v) {
        JsonNode exceptions = e.get("exceptions");
        if (exceptions == null || !exceptions.isArray() || exceptions.size() == 0) {
            v.add(WHERE, "exceptions", at + ".exceptions must be a non-empty array");
        } else {
            for (int x = 0; x < exceptions.size(); x++) {
                checkException(exceptions.get(x), at + ".exceptions[" + x + "]", v);
            }
        }
        String severity = e.path("severity").asText(null);
        if (!e.path("severity").isTextual() || !SEVERITIES.contains(severity)) {
            v.add(WHERE, "severity", at + ".severity must be error, warning or info, was " + e.get("severity"));
        }
        JsonNode reason = e.get("severityReason");
        if (reason == null || !reason.isObject() || !REASON_TYPES.contains(reason.path("type").asText(""))) {
            v.add(WHERE, "severity-reason", at + ".severityReason.type must be one of " + REASON_TYPES + ", was "
                    + (reason == null ? null : reason.get("type")));
        } else if (reason.has("attributes") && !reason.get("attributes").isObject()) {
            v.add(WHERE, "severity-reason", at + ".severityReason.attributes must be an object");
        }
        if (e.get("unhandled") == null || !e.get("unhandled").isBoolean()) {
            v.add(WHERE, "unhandled", at + ".unhandled must be a boolean, was " + e.get("unhandled"));
        }
        optionalText(e, "context", at, v);
        optionalText(e, "groupingHash", at, v);
        JsonNode user = e.get("user");
        if (user != null) {
            if (!user.isObject()) {
                v.add(WHERE, "user", at + ".user must be an object");
            } else {
                for (String f : new String[] {"id", "name", "email"}) {
                    optionalText(user, f, at + ".user", v);
                }
            }
        }
        for (String f : new String[] {"app", "device", "session", "request"}) {
            if (e.has(f) && !e.get(f).isObject()) {
                v.add(WHERE, f, at + "." + f + " must be an object");
            }
        }
        checkMetaData(e.get("metaData"), at + ".metaData", v);
        checkBreadcrumbs(e.get("breadcrumbs"), at + ".breadcrumbs", v);
    }

    private static void checkException(JsonNode x, String at, Violations v) {
        if (!x.path("errorClass").isTextual() || x.path("errorClass").asText().isEmpty()) {
            v.add(WHERE, "exception", at + ".errorClass must be a non-empty string");
        }
        if (x.has("message") && !x.get("message").isTextual() && !x.get("message").isNull()) {
            v.add(WHERE, "exception", at + ".message must be a string");
        }
        JsonNode trace = x.get("stacktrace");
        if (trace == null || !trace.isArray()) {
            v.add(WHERE, "stacktrace", at + ".stacktrace must be an array (possibly empty)");
            return;
        }
        for (int f = 0; f < trace.size(); f++) {
            JsonNode frame = trace.get(f);
            String fat = at + ".stacktrace[" + f + "]";
            requireText(frame, "file", fat + ".file", "stacktrace", v);
            requireText(frame, "method", fat + ".method", "stacktrace", v);
            if (!frame.path("lineNumber").isIntegralNumber()) {
                v.add(WHERE, "stacktrace", fat + ".lineNumber must be an integer, was " + frame.get("lineNumber"));
            }
            if (frame.has("inProject") && !frame.get("inProject").isBoolean()) {
                v.add(WHERE, "stacktrace", fat + ".inProject must be a boolean");
            }
        }
    }

    private static void checkMetaData(JsonNode metaData, String at, Violations v) {
        if (metaData == null) {
            return;
        }
        if (!metaData.isObject()) {
            v.add(WHERE, "meta-data", at + " must be an object of tabs");
            return;
        }
        for (Map.Entry<String, JsonNode> tab : metaData.properties()) {
            if (!tab.getValue().isObject()) {
                v.add(WHERE, "meta-data", at + "." + tab.getKey() + " must be an object (a tab of key/values)");
            }
        }
    }

    private static void checkBreadcrumbs(JsonNode crumbs, String at, Violations v) {
        if (crumbs == null) {
            return;
        }
        if (!crumbs.isArray()) {
            v.add(WHERE, "breadcrumbs", at + " must be an array");
            return;
        }
        for (int i = 0; i < crumbs.size(); i++) {
            JsonNode c = crumbs.get(i);
            String cat = at + "[" + i + "]";
            if (!isIsoInstant(c.path("timestamp").asText(""))) {
                v.add(WHERE, "breadcrumbs", cat + ".timestamp must be ISO-8601, was " + c.get("timestamp"));
            }
            requireText(c, "name", cat + ".name", "breadcrumbs", v);
            if (!BREADCRUMB_TYPES.contains(c.path("type").asText(""))) {
                v.add(WHERE, "breadcrumbs", cat + ".type must be one of " + BREADCRUMB_TYPES + ", was "
                        + c.get("type"));
            }
            if (c.has("metaData") && !c.get("metaData").isObject()) {
                v.add(WHERE, "breadcrumbs", cat + ".metaData must be an object");
            }
        }
    }

    private static void requireText(JsonNode node, String field, String at, String rule, Violations v) {
        if (!node.path(field).isTextual() || node.path(field).asText().isEmpty()) {
            v.add(WHERE, rule, at + " must be a non-empty string, was " + node.get(field));
        }
    }

    private static void optionalText(JsonNode node, String field, String at, Violations v) {
        if (node.has(field) && !node.get(field).isTextual() && !node.get(field).isNull()) {
            v.add(WHERE, field, at + "." + field + " must be a string");
        }
    }

    /** ISO-8601 with an offset or Z, as Bugsnag-Sent-At and breadcrumb timestamps are. */
    static boolean isIsoInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            try {
                OffsetDateTime.parse(text);
                return true;
            } catch (DateTimeParseException again) {
                return false;
            }
        }
    }
}
