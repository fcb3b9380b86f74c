package dev.sluice.spring;

import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A response that counts the body bytes written through it, for the access record. Thread-safe. */
final class CountingResponse extends ServerHttpResponseDecorator {

	private final AtomicLong bytes = new AtomicLong();

	CountingResponse(ServerHttpResponse delegate) {
		super(delegate);
	}

	@Override
	public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
		return super.writeWith(Flux.from(body).doOnNext(b -> bytes.addAndGet(b.readableByteCount())));
	}

	@Override
	public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
		return super.writeAndFlushWith(Flux.from(body)
				.map(inner -> Flux.from(inner).doOnNext(b -> bytes.addAndGet(b.readableByteCount()))));
	}

	/** Body bytes written so far. */
	long bytes() {
		return bytes.get();
	}
}
