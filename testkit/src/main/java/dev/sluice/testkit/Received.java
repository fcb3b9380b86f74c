package dev.sluice.testkit;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * One request as a stand-in received it: the whole body already read.
 *
 * @param method the HTTP method
 * @param path the request path without the query string
 * @param headers the request headers (not reference counted; safe to read after a delay)
 * @param body the whole request body, empty when there was none
 */
record Received(String method, String path, HttpHeaders headers, byte[] body) {

    String header(String name) {
        return headers.get(name);
    }

    String bodyUtf8() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
