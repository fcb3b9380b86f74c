package dev.sluice.events.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import org.reactivestreams.Publisher;

import dev.sluice.events.Event;
import dev.sluice.events.EventStore;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A read-only web page and JSON API over an {@link EventStore}, served by reactor-netty,
 * non-blocking end to end (queries are streamed from R2DBC to the response).
 *
 * <ul>
 * <li>{@code GET /}: the page (its script and style are served by this jar; no CDN).</li>
 * <li>{@code GET /api/events?...}: events newest first with cursor paging ({@link EventFilters}).</li>
 * <li>{@code GET /api/operations/{id}}: the events of one operation, oldest first.</li>
 * <li>{@code GET /api/stream}: new events as Server-Sent Events, as they are stored.</li>
 * </ul>
 * Errors are JSON ({@code {"error": "..."}}); a bad filter value is 400 naming the parameter.
 * Every response carries a strict Content-Security-Policy (no inline script) and no-sniff headers.
 * Binding to an address other than loopback requires a token ({@link ViewerAccess}); otherwise
 * {@link #start()} refuses with a clear message. Any method but GET is 405.
 */
public final class EventViewerServer implements AutoCloseable {

	static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
			+ "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	private final EventStore store;
	private final String host;
	private final int port;
	private final ViewerAccess access;
	private final EventFilters filters;
	private final Duration streamInterval;
	private final Map<String, byte[]> assets;
	private DisposableServer server;

	private EventViewerServer(Builder b) {
		this.store = Objects.requireNonNull(b.store, "store");
		this.host = b.host;
		this.port = b.port;
		this.access = b.token == null ? ViewerAccess.open() : ViewerAccess.token(b.token);
		this.filters = new EventFilters(b.clock);
		this.streamInterval = b.streamInterval;
		this.assets = Map.of("/", asset("index.html"), "/app.js", asset("app.js"), "/app.css", asset("app.css"));
	}

	public static Builder builder(EventStore store) {
		return new Builder(store);
	}

	/**
	 * Binds and starts serving; blocks until bound.
	 *
	 * @throws IllegalStateException if the address is not loopback and no token was given
	 */
	public EventViewerServer start() {
		if (!ViewerAccess.isLoopback(host) && !access.requiresToken()) {
			throw new IllegalStateException("refusing to serve the event log on " + host
					+ " without a token: pass --token-file FILE (every request must then carry it), or bind 127.0.0.1");
		}
		server = HttpServer.create().host(host).port(port)
				.route(routes -> routes
						.get("/api/events", guarded(this::events))
						.get("/api/operations/{id}", guarded(this::operation))
						.get("/api/stream", guarded(this::stream))
						.get("/", guarded((req, res) -> asset(req, res, "/", "text/html; charset=utf-8")))
						.get("/app.js", guarded((req, res) -> asset(req, res, "/app.js", "text/javascript; charset=utf-8")))
						.get("/app.css", guarded((req, res) -> asset(req, res, "/app.css", "text/css; charset=utf-8")))
						.route(req -> req.method() != HttpMethod.GET,
								(req, res) -> json(res.status(HttpResponseStatus.METHOD_NOT_ALLOWED).header(HttpHeaderNames.ALLOW, "GET"),
										EventJson.error("the event viewer is read-only: only GET is allowed")))
						.route(req -> true, (req, res) -> json(res.status(HttpResponseStatus.NOT_FOUND),
								EventJson.error("no such page: " + req.path()))))
				.bindNow();
		return this;
	}

	/** The port bound (useful with port 0). */
	public int port() {
		return server.port();
	}

	/** The base URL, such as {@code http://127.0.0.1:8080/}. */
	public String url() {
		return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
	}

	/** Blocks until the server is closed (the command line's foreground mode). */
	public void awaitClose() {
		server.onDispose().block();
	}

	@Override
	public void close() {
		if (server != null) {
			server.disposeNow(Duration.ofSeconds(5));
		}
	}

	// ---- handlers ------------------------------------------------------------------------------

	private Publisher<Void> events(HttpServerRequest req, HttpServerResponse res) {
		EventFilters.Page page = filters.parse(params(req));
		// the query asks for one event more than the page: only then is there a next page
		return store.query(page.query()).collectList().flatMap(list -> {
			boolean more = list.size() > page.size();
			List<Event> shown = more ? list.subList(0, page.size()) : list;
			String next = more ? shown.get(shown.size() - 1).cursor() : null;
			return Mono.from(json(res, EventJson.page(shown, next)));
		});
	}

	private Publisher<Void> operation(HttpServerRequest req, HttpServerResponse res) {
		String id = req.param("id");
		return store.operation(id).collectList().flatMap(list -> list.isEmpty()
				? Mono.from(json(res.status(HttpResponseStatus.NOT_FOUND), EventJson.error("no events for operation '" + id + "'")))
				: Mono.from(json(res, EventJson.page(list, null))));
	}

	private Publisher<Void> stream(HttpServerRequest req, HttpServerResponse res) {
		Flux<String> frames = Flux.merge(
				Flux.just(": connected\n\n"),
				store.tail(streamInterval).map(e -> "event: event\ndata: " + EventJson.event(e) + "\n\n"),
				Flux.interval(Duration.ofSeconds(15)).map(i -> ": keep-alive\n\n"));
		return res.sse().header(HttpHeaderNames.CACHE_CONTROL, "no-store").sendString(frames);
	}

	private Publisher<Void> asset(HttpServerRequest req, HttpServerResponse res, String path, String type) {
		String token = new QueryStringDecoder(req.uri()).parameters().getOrDefault("token", List.of()).stream()
				.findFirst().orElse(null);
		if ("/".equals(path) && token != null && access.matches(token)) {
			// remember the token in a cookie (EventSource sends cookies, not headers), then drop it from the URL
			return res.status(HttpResponseStatus.SEE_OTHER).header(HttpHeaderNames.LOCATION, "/")
					.header(HttpHeaderNames.SET_COOKIE, ViewerAccess.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict")
					.send();
		}
		return res.header(HttpHeaderNames.CONTENT_TYPE, type).header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
				.sendByteArray(Mono.just(assets.get(path)));
	}

	// ---- plumbing ------------------------------------------------------------------------------

	private BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> guarded(
			BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
		return (req, res) -> {
			secure(res);
			boolean pageWithToken = req.path().isEmpty() && req.uri().contains("token=");
			if (!pageWithToken && !access.allows(req)) {
				return json(res.status(HttpResponseStatus.UNAUTHORIZED).header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer"),
						EventJson.error("a bearer token is required"));
			}
			try {
				return Flux.from(handler.apply(req, res)).onErrorResume(e -> {
					if (res.hasSentHeaders()) {
						// a stream already under way: nothing to answer with but closing it
						return Mono.error(e);
					}
					if (e instanceof BadParameterException) {
						return Mono.from(json(res.status(HttpResponseStatus.BAD_REQUEST), EventJson.error(e.getMessage())));
					}
					return Mono.from(json(res.status(HttpResponseStatus.INTERNAL_SERVER_ERROR),
							EventJson.error("the event store could not answer: " + e)));
				});
			}
			catch (BadParameterException e) {
				return json(res.status(HttpResponseStatus.BAD_REQUEST), EventJson.error(e.getMessage()));
			}
		};
	}

	private static void secure(HttpServerResponse res) {
		res.header("Content-Security-Policy", CSP)
				.header("X-Content-Type-Options", "nosniff")
				.header("Referrer-Policy", "no-referrer")
				.header("X-Frame-Options", "DENY");
	}

	private static Publisher<Void> json(HttpServerResponse res, String body) {
		return res.header(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
				.sendString(Mono.just(body), StandardCharsets.UTF_8);
	}

	private static Map<String, List<String>> params(HttpServerRequest req) {
		return new QueryStringDecoder(req.uri()).parameters();
	}

	private static byte[] asset(String name) {
		try (InputStream in = EventViewerServer.class.getResourceAsStream("static/" + name)) {
			if (in == null) {
				throw new IllegalStateException("the viewer's asset " + name + " is missing from the jar");
			}
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public String toString() {
		return "EventViewerServer{" + host + ":" + port + ", " + access + '}';
	}

	/** Builds an {@link EventViewerServer}; not thread-safe. */
	public static final class Builder {

		private final EventStore store;
		private String host = "127.0.0.1";
		private int port = 8080;
		private String token;
		private Clock clock = Clock.systemUTC();
		private Duration streamInterval = Duration.ofSeconds(1);

		private Builder(EventStore store) {
			this.store = store;
		}

		/** The address to bind (default 127.0.0.1; anything else requires a token). */
		public Builder host(String value) {
			this.host = Objects.requireNonNull(value, "host");
			return this;
		}

		/** The port (default 8080; 0 picks a free one). */
		public Builder port(int value) {
			this.port = value;
			return this;
		}

		/** The bearer token every request must carry (null: none, loopback only). */
		public Builder token(String value) {
			this.token = value;
			return this;
		}

		/** The clock relative filters ({@code since=1h}) count back from. */
		public Builder clock(Clock value) {
			this.clock = Objects.requireNonNull(value, "clock");
			return this;
		}

		/** How often the live stream looks for new events (default 1 s). */
		public Builder streamInterval(Duration value) {
			this.streamInterval = Objects.requireNonNull(value, "streamInterval");
			return this;
		}

		public EventViewerServer build() {
			return new EventViewerServer(this);
		}
	}
}
