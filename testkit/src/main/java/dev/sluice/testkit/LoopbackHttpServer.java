package dev.sluice.testkit;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A reactor-netty HTTP server on {@code 127.0.0.1} and a free port that hands each fully read request to a handler
 * and writes the handler's {@link Answer}.
 *
 * <p>The handler runs on a Netty event loop (or on Reactor's parallel scheduler after a scripted delay) and must not
 * block. A handler that fails answers 500 and is recorded as a {@code stand-in-error} violation, so a bug in a
 * stand-in fails the test rather than hiding.
 */
final class LoopbackHttpServer implements AutoCloseable {

    private static final byte[] NO_BODY = new byte[0];
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

    private final DisposableServer server;

    private LoopbackHttpServer(DisposableServer server) {
        this.server = server;
    }

    /**
     * Binds a new server. Blocks the calling (test) thread until it is bound.
     *
     * @param handler turns a received request into an answer
     * @param violations where handler failures are recorded
     */
    static LoopbackHttpServer start(Function<Received, Mono<Answer>> handler, Violations violations) {
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((req, res) -> serve(req, res, handler, violations))
                .bindNow(BIND_TIMEOUT);
        return new LoopbackHttpServer(server);
    }

    private static Publisher<Void> serve(HttpServerRequest req, HttpServerResponse res,
            Function<Received, Mono<Answer>> handler, Violations violations) {
        String uri = req.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return req.receive().aggregate().asByteArray()
                .defaultIfEmpty(NO_BODY)
                .flatMap(body -> Mono.defer(() -> handler.apply(
                        new Received(req.method().name(), path, req.requestHeaders(), body))))
                .onErrorResume(e -> {
                    violations.add(path, "stand-in-error", "the stand-in failed on this request: " + e);
                    return Mono.just(Answer.of(500, "text/plain; charset=utf-8", "stand-in failure: " + e));
                })
                .flatMap(answer -> write(res, answer));
    }

    private static Mono<Void> write(HttpServerResponse res, Answer answer) {
        if (answer.drop()) {
            // SO_LINGER 0 makes the close a reset, as a crashed peer or a cut network looks to the client.
            res.withConnection(c -> {
                c.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                c.channel().close();
            });
            return Mono.empty();
        }
        res.status(HttpResponseStatus.valueOf(answer.status()));
        answer.headers().forEach(res::header);
        res.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(answer.body().length));
        return res.sendByteArray(Mono.just(answer.body())).then();
    }

    /** The port the server is bound to. */
    int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>} without a trailing slash. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Unbinds the server and closes its connections; blocks the calling (test) thread until done. */
    @Override
    public void close() {
        server.disposeNow(BIND_TIMEOUT);
    }
}
