package dev.sluice.testkit;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/** A raw reactor-netty HTTP client for the stand-in tests; {@link #post} blocks the (test) calling thread. */
final class Http {

    /** A response as the tests look at it. */
    record Response(int status, HttpHeaders headers, String body) { }

    private static final HttpClient CLIENT = HttpClient.create();

    private Http() {
    }

    static Response post(String url, Consumer<HttpHeaders> headers, String body) {
        return post(url, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static Response post(String url, Consumer<HttpHeaders> headers, byte[] body) {
        return CLIENT.headers(headers)
                .post()
                .uri(url)
                .send(ByteBufFlux.fromInbound(Mono.just(body)))
                .responseSingle((res, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                        .map(text -> new Response(res.status().code(), res.responseHeaders(), text)))
                .block(Duration.ofSeconds(30));
    }
}
