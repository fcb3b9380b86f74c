package dev.sluice.sinks.bugsnag;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Posts one payload to the notify endpoint over reactor-netty's non-blocking {@link HttpClient}
 * with the headers of payload version 5: {@code Bugsnag-Api-Key} (read only here; it appears in
 * no message this class produces), {@code Bugsnag-Payload-Version: 5} and
 * {@code Bugsnag-Sent-At}. {@link #post} is lazy (each subscription is one call) and never
 * blocks; any status is an answer, only a failed connection or the timeout errors.
 */
final class BugsnagApi {

	/** The status and {@code Retry-After} of one answer. */
	static final class Reply {
		final int status;
		final Duration retryAfter;

		Reply(int status, Duration retryAfter) {
			this.status = status;
			this.retryAfter = retryAfter;
		}
	}

	private final HttpClient client;
	private final String url;
	private final String apiKey;
	private final Clock clock;

	BugsnagApi(BugsnagSettings settings, Clock clock) {
		Duration timeout = settings.timeout();
		this.client = HttpClient.create().responseTimeout(timeout)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 30_000));
		this.url = settings.endpoint().toString();
		this.apiKey = settings.apiKey() == null ? "" : settings.apiKey().reveal();
		this.clock = clock;
	}

	Mono<Reply> post(byte[] payload) {
		return Mono.defer(() -> client.headers(h -> {
			h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
			h.set("Bugsnag-Api-Key", apiKey);
			h.set("Bugsnag-Payload-Version", "5");
			h.set("Bugsnag-Sent-At", clock.instant().toString());
		})
				.post()
				.uri(url)
				.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(payload)))
				.responseSingle((res, body) -> body.then(Mono.just(new Reply(res.status().code(),
						retryAfter(res.responseHeaders().get("Retry-After"))))))
				.onErrorMap(e -> !(e instanceof IOException), e -> new IOException("the call to Bugsnag failed: "
						+ e.getClass().getSimpleName() + ": " + e.getMessage(), e)));
	}

	static Duration retryAfter(String header) {
		if (header == null) {
			return null;
		}
		try {
			long s = Long.parseLong(header.trim());
			return s < 0 ? null : Duration.ofSeconds(s);
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	@Override
	public String toString() {
		return "BugsnagApi{" + url + '}';
	}
}
