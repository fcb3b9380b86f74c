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
	private final int maxStreams;
	private final java.util.concurrent.atomic.AtomicInteger streams = new java.util.concurrent.atomic.AtomicInteger();
	private final java.util.Set<String> allowedHosts;
	private final Flux<String> live;
	private DisposableServer server;

	private EventViewerServer(Builder b) {
		this.store = Objects.requireNonNull(b.store, "store");
		this.host = b.host;
		this.port = b.port;
		this.access = b.token == null ? ViewerAccess.open() : ViewerAccess.token(b.token);
		this.filters = new EventFilters(b.clock);
		this.streamInterval = b.streamInterval;
		this.assets = Map.of("/", asset("index.html"), "/app.js", asset("app.js"), "/app.css", asset("app.css"));
		this.maxStreams = b.maxStreams;
		this.allowedHosts = allowedHosts(b.host, b.publicUrl);
		// one look at the store for every open stream: the streams share it, and it stops with the last
		this.live = store.tail(streamInterval).map(e -> "event: event\ndata: " + EventJson.event(e) + "\n\n")
				.publish().refCount();
	}

	/** The Host names a page may use to reach this viewer: loopback names, the bound address, the public URL's host. */
	private static java.util.Set<String> allowedHosts(String bound, String publicUrl) {
		java.util.Set<String> hosts = new java.util.HashSet<>(java.util.List.of("localhost", "127.0.0.1", "[::1]", "::1"));
		hosts.add(bound.toLowerCase(java.util.Locale.ROOT));
		hosts.add(bound.contains(":") && !bound.startsWith("[") ? "[" + bound + "]" : bound);
		if (publicUrl != null) {
			String h = java.net.URI.create(publicUrl).getHost();
			if (h == null) {
				throw new IllegalArgumentException("--public-url: expected a URL such as https://logs.example.com/, found '"
						+ publicUrl + "'");
			}
			hosts.add(h.toLowerCase(java.util.Locale.ROOT));
		}
		return hosts;
	}

	/**
	 * Whether the request names this viewer: its {@code Host} (and {@code Origin}, when present) is
	 * a loopback name, the bound address or the public URL's host. Without a token this is what
	 * keeps a web page on another site from reading the event log through DNS rebinding (its
	 * requests carry the attacker's host name); with a token the token guards every request.
	 */
	private boolean namesThisViewer(HttpServerRequest req) {
		if (access.requiresToken()) {
			return true;
		}
		String host = req.requestHeaders().get(HttpHeaderNames.HOST);
		if (host == null || !allowedHosts.contains(hostOnly(host))) {
			return false;
		}
		String origin = req.requestHeaders().get(HttpHeaderNames.ORIGIN);
		if (origin == null) {
			return true;
		}
		try {
			String h = java.net.URI.create(origin).getHost();
			return h != null && allowedHosts.contains(h.toLowerCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			return false;
		}
	}

	/** {@code host[:port]} without the port, lower case; IPv6 literals keep their brackets. */
	static String hostOnly(String hostHeader) {
		String h = hostHeader.trim().toLowerCase(java.util.Locale.ROOT);
		if (h.startsWith("[")) {
			int end = h.indexOf(']');
			return end > 0 ? h.substring(0, end + 1) : h;
		}
		int colon = h.lastIndexOf(':');
		return colon >= 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h;
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
						.route(req -> req.method() != HttpMethod.GET, guarded((req, res) -> json(
								res.status(HttpResponseStatus.METHOD_NOT_ALLOWED).header(HttpHeaderNames.ALLOW, "GET"),
								EventJson.error("the event viewer is read-only: only GET is allowed"))))
						.route(req -> true, guarded((req, res) -> json(res.status(HttpResponseStatus.NOT_FOUND),
								EventJson.error("no such page: " + req.path())))))
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
		if (streams.incrementAndGet() > maxStreams) {
			streams.decrementAndGet();
			return json(res.status(HttpResponseStatus.TOO_MANY_REQUESTS).header(HttpHeaderNames.RETRY_AFTER, "10"),
					EventJson.error("too many live streams open (at most " + maxStreams + "); close one or try later"));
		}
		Flux<String> frames = Flux.merge(
				Flux.just(": connected\n\n"),
				live,
				Flux.interval(Duration.ofSeconds(15)).map(i -> ": keep-alive\n\n"))
				.doFinally(signal -> streams.decrementAndGet());
		return res.sse().header(HttpHeaderNames.CACHE_CONTROL, "no-store").sendString(frames);
	}

	private Publisher<Void> asset(HttpServerRequest req, HttpServerResponse res, String path, String type) {
		String token = "/".equals(path) ? queryToken(req) : null; // guarded() parsed it already: well-formed
		if (token != null && access.matches(token)) {
			// remember the token in a cookie (EventSource sends cookies, not headers), then drop it from the URL
			return res.status(HttpResponseStatus.SEE_OTHER).header(HttpHeaderNames.LOCATION, "/")
					.header(HttpHeaderNames.SET_COOKIE, ViewerAccess.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict")
					.send();
		}
		return res.header(HttpHeaderNames.CONTENT_TYPE, type).header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
				.sendByteArray(Mono.just(assets.get(path)));
	}

	// ---- plumbing ------------------------------------------------------------------------------

	/**
	 * The page's {@code ?token=}, or null.
	 *
	 * @throws IllegalArgumentException when the query is malformed
	 */
	private static String queryToken(HttpServerRequest req) {
		return new QueryStringDecoder(req.uri()).parameters().getOrDefault("token", List.of()).stream().findFirst()
				.orElse(null);
	}

	private BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> guarded(
			BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
		return (req, res) -> {
			secure(res);
			if (!namesThisViewer(req)) {
				return json(res.status(HttpResponseStatus.FORBIDDEN), EventJson.error("this viewer answers to "
						+ String.join(", ", new java.util.TreeSet<>(allowedHosts)) + " only (Host or Origin is another"
						+ " name); serve it with --public-url URL to add the name it is reached by"));
			}
			String pageToken;
			try {
				pageToken = req.path().isEmpty() ? queryToken(req) : null;
			}
			catch (IllegalArgumentException e) {
				return json(res.status(HttpResponseStatus.BAD_REQUEST), EventJson.error("malformed query: " + e.getMessage()));
			}
			boolean pageWithToken = pageToken != null && access.matches(pageToken);
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
					if (isBadInput(e)) {
						return Mono.from(json(res.status(HttpResponseStatus.BAD_REQUEST),
								EventJson.error("bad request: " + e.getMessage())));
					}
					return Mono.from(json(res.status(HttpResponseStatus.INTERNAL_SERVER_ERROR),
							EventJson.error("the event store could not answer: " + e)));
				});
			}
			catch (BadParameterException e) {
				return json(res.status(HttpResponseStatus.BAD_REQUEST), EventJson.error(e.getMessage()));
			}
			catch (RuntimeException e) {
				if (isBadInput(e)) {
					return json(res.status(HttpResponseStatus.BAD_REQUEST), EventJson.error("bad request: " + e.getMessage()));
				}
				throw e;
			}
		};
	}

	/** A request the viewer cannot read (a malformed escape, a number or instant out of range): a 400, not a 500. */
	private static boolean isBadInput(Throwable e) {
		return e instanceof IllegalArgumentException || e instanceof ArithmeticException
				|| e instanceof java.time.DateTimeException;
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
		private int maxStreams = 16;
		private String publicUrl;

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

		/** The most live streams open at once (default 16); more are answered 429. */
		public Builder maxStreams(int value) {
			if (value < 1) {
				throw new IllegalArgumentException("maxStreams must be at least 1, was " + value);
			}
			this.maxStreams = value;
			return this;
		}

		/**
		 * The URL users reach the viewer by when it is not a loopback name (a proxy's), such as
		 * {@code https://logs.example.com/}: its host is accepted in {@code Host} and {@code Origin}.
		 */
		public Builder publicUrl(String value) {
			this.publicUrl = value;
			return this;
		}

		public EventViewerServer build() {
			return new EventViewerServer(this);
		}
	}
}
