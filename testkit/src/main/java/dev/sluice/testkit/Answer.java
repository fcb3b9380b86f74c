package dev.sluice.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a stand-in sends back: a status, headers and a body, or nothing at all (the connection is dropped).
 *
 * @param status the HTTP status
 * @param headers the response headers besides {@code Content-Length}
 * @param body the body bytes
 * @param drop whether to close the connection instead of answering
 */
record Answer(int status, Map<String, String> headers, byte[] body, boolean drop) {

    Answer {
        headers = Map.copyOf(headers);
    }

    static Answer json(int status, String json) {
        return of(status, "application/json; charset=utf-8", json);
    }

    static Answer of(int status, String contentType, String body) {
        return new Answer(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8), false);
    }

    static Answer dropConnection() {
        return new Answer(0, Map.of(), new byte[0], true);
    }

    Answer withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Answer(status, copy, body, drop);
    }
}
