package dev.sluice.sinks.slack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Posts one message body to Slack over reactor-netty's non-blocking {@link HttpClient}: to
 * {@code {endpoint}chat.postMessage} with the bot token as {@code Authorization: Bearer}, or to
 * the incoming webhook's URL. The token and the webhook URL are read only here, when a request is
 * made, and appear in no message, exception or log line this class produces.
 *
 * <p>{@link #post} is lazy (each subscription makes one call, so a retry calls again) and never
 * blocks; the reply arrives on a Netty event loop. Any HTTP status is a {@link SlackReply}; only
 * a failed connection or the {@code timeout} errors.
 */
final class SlackApi {

	private final HttpClient client;
	private final String url;
	private final String authorization;
	private final String target;

	SlackApi(SlackSettings settings) {
		this(HttpClient.create(), settings);
	}

	SlackApi(HttpClient base, SlackSettings settings) {
		Objects.requireNonNull(base, "client");
		Duration timeout = settings.timeout();
		this.client = base.responseTimeout(timeout)
				.option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 30_000));
		boolean webhook = settings.webhookUrl() != null;
		this.url = webhook ? settings.webhookUrl().reveal() : settings.postMessageUrl();
		this.authorization = webhook ? null : "Bearer " + settings.apiKey().reveal();
		this.target = settings.target();
	}

	/** One call with {@code body}; see the class comment. */
	Mono<SlackReply> post(ObjectNode body) {
		return Mono.defer(() -> {
			byte[] bytes;
			try {
				bytes = SlackMessages.JSON.writeValueAsBytes(body);
			}
			catch (JsonProcessingException e) {
				return Mono.error(new IllegalStateException("could not write a Slack message as JSON", e));
			}
			return client.headers(h -> {
				h.set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
				if (authorization != null) {
					h.set(HttpHeaderNames.AUTHORIZATION, authorization);
				}
			})
					.post()
					.uri(url)
					.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes)))
					.responseSingle((res, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
							.map(text -> new SlackReply(res.status().code(),
									SlackReply.parseRetryAfter(res.responseHeaders().get("Retry-After")), text)))
					.onErrorMap(e -> !(e instanceof IllegalStateException), this::hideUrl);
		});
	}

	/**
	 * A connection failure as an {@link IOException} (transient) whose text cannot carry the
	 * webhook URL, which is a credential.
	 */
	private Throwable hideUrl(Throwable e) {
		String text = String.valueOf(e.getMessage()).replace(url, "<url hidden>");
		IOException io = new IOException("the call to Slack (" + target + ") failed: " + e.getClass().getSimpleName()
				+ ": " + text);
		io.setStackTrace(new StackTraceElement[0]);
		return io;
	}

	@Override
	public String toString() {
		return "SlackApi{" + target + '}';
	}

}
