package dev.sluice.events.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sluice.events.Event;
import dev.sluice.events.EventStore;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

class EventViewerApiTest {

	@TempDir
	static Path dir;
	static EventStore store;
	static EventViewerServer server;
	static final ObjectMapper JSON = new ObjectMapper();

	@BeforeAll
	static void start() {
		store = ViewerFixture.store(dir);
		server = EventViewerServer.builder(store).port(0).streamInterval(Duration.ofMillis(100)).build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
		store.close().block(Duration.ofSeconds(10));
	}

	private static Tuple2<Integer, String> get(String path) {
		return HttpClient.create().baseUrl("http://127.0.0.1:" + server.port()).get().uri(path)
				.responseSingle((res, body) -> body.asString().defaultIfEmpty("").map(b -> reactor.util.function.Tuples.of(res.status().code(), b)))
				.block(Duration.ofSeconds(30));
	}

	private static JsonNode json(String path) throws Exception {
		Tuple2<Integer, String> r = get(path);
		assertThat(r.getT1()).as(r.getT2()).isEqualTo(200);
		return JSON.readTree(r.getT2());
	}

	@Test
	void listsPrimaryEventsNewestFirstWithCursorPaging() throws Exception {
		JsonNode first = json("/api/events?primary=true&limit=10");
		assertThat(first.get("events")).hasSize(10);
		assertThat(first.get("events").get(0).get("message").asText()).isEqualTo("<img src=x onerror=alert(1)>");
		assertThat(first.get("events").get(1).get("operationId").asText()).isEqualTo("op-29");
		String next = first.get("next").asText();
		JsonNode second = json("/api/events?primary=true&limit=10&before=" + java.net.URLEncoder.encode(next, "UTF-8"));
		assertThat(second.get("events").get(0).get("operationId").asText()).isEqualTo("op-20");
		JsonNode rest = json("/api/events?primary=true&limit=100");
		assertThat(rest.get("events")).hasSize(31);
		assertThat(rest.get("next").isNull()).isTrue();
	}

	@Test
	void filtersNarrowTheList() throws Exception {
		assertThat(json("/api/events?primary=true&user=alice&limit=100").get("events")).hasSize(15)
				.allMatch(e -> e.get("user").asText().equals("alice"));
		assertThat(json("/api/events?primary=true&category=auth&limit=100").get("events")).hasSize(10);
		assertThat(json("/api/events?level=error&limit=100").get("events")).allMatch(e -> e.get("level").asText().equals("error"));
		// a level is that level or above, as in `sluice events query --level`
		assertThat(json("/api/events?level=warning&limit=100").get("events")).hasSize(6)
				.allMatch(e -> e.get("level").asText().equals("error"));
		assertThat(json("/api/events?level=info&limit=100").get("events")).hasSize(62);
		assertThat(json("/api/events?attr=ItemId%3D7").get("events")).singleElement()
				.satisfies(e -> assertThat(e.get("operationId").asText()).isEqualTo("op-7"));
		assertThat(json("/api/events?text=Internet&primary=false&limit=100").get("events")).hasSize(31);
		assertThat(json("/api/events?since=" + Instant.now().plusSeconds(60)).get("events")).isEmpty();
		assertThat(json("/api/events?since=1h&priority=high&primary=true").get("events")).hasSize(6);
		// a time range: op-0's two events are the only ones before T0 + 5 s
		assertThat(json("/api/events?since=" + ViewerFixture.T0 + "&until=" + ViewerFixture.T0.plusSeconds(5)).get("events"))
				.hasSize(2).allMatch(e -> e.get("operationId").asText().equals("op-0"));
	}

	@Test
	void anOperationComesBackInTimeOrderWithDurations() throws Exception {
		JsonNode op = json("/api/operations/op-29");
		assertThat(op.get("events")).hasSize(3);
		assertThat(op.get("events").get(0).get("primary").asBoolean()).isTrue();
		assertThat(op.get("events").get(1).get("durationMs").asDouble()).isEqualTo(1400.0);
		assertThat(op.get("events").get(2).get("detail").asText()).contains("IllegalStateException: boom");
		assertThat(get("/api/operations/nope").getT1()).isEqualTo(404);
	}

	@Test
	void badFilterValuesAre400NamingTheParameter() {
		Tuple2<Integer, String> r = get("/api/events?level=loud");
		assertThat(r.getT1()).isEqualTo(400);
		assertThat(r.getT2()).contains("parameter 'level'").contains("loud");
		assertThat(get("/api/events?limit=0").getT2()).contains("parameter 'limit'");
		assertThat(get("/api/events?since=yesterday").getT2()).contains("parameter 'since'");
		assertThat(get("/api/events?until=tomorrow").getT2()).contains("parameter 'until'");
		assertThat(get("/api/events?before=not-a-cursor").getT2()).contains("parameter 'before'");
		assertThat(get("/api/events?primary=yes").getT2()).contains("parameter 'primary'");
		assertThat(get("/api/events?colour=red").getT2()).contains("parameter 'colour': unknown");
		assertThat(get("/api/events?attr=novalue").getT2()).contains("parameter 'attr'");
		assertThat(get("/api/events?category=stuff").getT1()).isEqualTo(400);
	}

	@Test
	void theServerIsReadOnlyAndSendsAStrictPolicy() {
		Integer post = HttpClient.create().baseUrl("http://127.0.0.1:" + server.port()).request(HttpMethod.POST).uri("/api/events")
				.response().map(r -> r.status().code()).block(Duration.ofSeconds(10));
		assertThat(post).isEqualTo(405);
		String csp = HttpClient.create().baseUrl("http://127.0.0.1:" + server.port()).get().uri("/").response()
				.map(r -> r.responseHeaders().get("Content-Security-Policy")).block(Duration.ofSeconds(10));
		assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline");
		assertThat(get("/").getT2()).contains("<script src=\"/app.js\" defer></script>").doesNotContain("onclick");
		assertThat(get("/nothing-here").getT1()).isEqualTo(404);
	}

	@Test
	void everyAssetIsServedByTheJarNoCdn() {
		String page = get("/").getT2();
		java.util.regex.Matcher refs = java.util.regex.Pattern.compile("(src|href)=\"([^\"]*)\"").matcher(page);
		List<String> found = new java.util.ArrayList<>();
		while (refs.find()) {
			found.add(refs.group(2));
		}
		assertThat(found).containsExactlyInAnyOrder("/app.css", "/app.js").allMatch(r -> r.startsWith("/") && !r.startsWith("//"));
		for (String asset : List.of("/app.js", "/app.css")) {
			Tuple2<Integer, String> r = get(asset);
			assertThat(r.getT1()).isEqualTo(200);
			assertThat(r.getT2()).as(asset).doesNotContainPattern("(?i)(https?:)?//[a-z0-9-]+(\\.[a-z0-9-]+)+/").doesNotContain("import(");
		}
	}

	@Test
	void aStoreThatFailsIsA500WithAJsonMessage() {
		io.r2dbc.spi.ConnectionFactory down = new io.r2dbc.spi.ConnectionFactory() {
			@Override
			public org.reactivestreams.Publisher<? extends io.r2dbc.spi.Connection> create() {
				return Mono.error(new IllegalStateException("the database is down"));
			}

			@Override
			public io.r2dbc.spi.ConnectionFactoryMetadata getMetadata() {
				return () -> "down";
			}
		};
		try (EventViewerServer failing = EventViewerServer.builder(EventStore.of(down)).port(0).build().start()) {
			for (String path : List.of("/api/events", "/api/operations/op-1")) {
				Tuple2<Integer, String> r = HttpClient.create().baseUrl("http://127.0.0.1:" + failing.port()).get().uri(path)
						.responseSingle((res, body) -> body.asString().defaultIfEmpty("")
								.map(b -> reactor.util.function.Tuples.of(res.status().code(), b)))
						.block(Duration.ofSeconds(30));
				assertThat(r.getT1()).as(path).isEqualTo(500);
				assertThat(r.getT2()).as(path).startsWith("{\"error\":").contains("the database is down");
			}
		}
	}

	@Test
	void newEventsArriveOnTheStream(@TempDir Path own) {
		// its own store, so that the events it writes do not change the other tests' lists
		EventStore store = EventStore.h2File(own.resolve("live"));
		EventViewerServer server = EventViewerServer.builder(store).port(0).streamInterval(Duration.ofMillis(100)).build()
				.start();
		// the stream starts after the newest event stored when it is opened: keep storing until one arrives
		reactor.core.Disposable writer = reactor.core.publisher.Flux.interval(Duration.ofMillis(300)).onBackpressureDrop()
				.concatMap(i -> store.save(List.of(Event.builder().time(Instant.now()).module("live")
						.message("Provider ReSync Found").operationId("op-live-" + i).primary(true).build())))
				.subscribe();
		try {
			StepVerifier.create(HttpClient.create().baseUrl("http://127.0.0.1:" + server.port()).get().uri("/api/stream")
							.responseContent().asString().filter(s -> s.contains("op-live")).next())
					.assertNext(frame -> assertThat(frame).contains("event: event").contains("Provider ReSync Found"))
					.expectComplete()
					.verify(Duration.ofSeconds(60));
		}
		finally {
			writer.dispose();
			server.close();
		}
	}

	private static Tuple2<Integer, String> getWith(String path, String header, String value) {
		return HttpClient.create().baseUrl("http://127.0.0.1:" + server.port()).headers(h -> h.set(header, value)).get()
				.uri(path).responseSingle((res, body) -> body.asString().defaultIfEmpty("")
						.map(b -> reactor.util.function.Tuples.of(res.status().code(), b)))
				.block(Duration.ofSeconds(30));
	}

	@Tag("fault-injection")
	@Test
	void aPageOfAnotherSiteCannotReadTheLogThroughDnsRebinding() {
		assertThat(getWith("/api/events", "Host", "attacker.example").getT1()).isEqualTo(403);
		assertThat(getWith("/api/events", "Host", "attacker.example:" + server.port()).getT1()).isEqualTo(403);
		assertThat(getWith("/", "Host", "attacker.example").getT1()).isEqualTo(403);
		assertThat(getWith("/api/events", "Origin", "http://attacker.example").getT1()).isEqualTo(403);
		assertThat(getWith("/api/events", "Host", "localhost:" + server.port()).getT1()).isEqualTo(200);
		assertThat(getWith("/api/events", "Origin", "http://127.0.0.1:" + server.port()).getT1()).isEqualTo(200);
	}

	@Tag("fault-injection")
	@Test
	void malformedParametersAre400sWithAJsonMessage() throws Exception {
		for (String path : new String[] {"/api/events?user=%zz", "/api/events?user=%", "/api/events?since=999999999d",
				"/api/events?since=-999999999-01-01T00:00:00Z", "/api/events?since=+999999999-12-31T23:59:59Z"}) {
			Tuple2<Integer, String> r = get(path);
			assertThat(r.getT1()).as(path + " -> " + r.getT2()).isEqualTo(400);
			assertThat(JSON.readTree(r.getT2()).get("error").asText()).as(path).isNotBlank();
		}
	}

	@Tag("fault-injection")
	@Test
	void everyResponseCarriesTheSecurityHeadersA404Too() {
		io.netty.handler.codec.http.HttpHeaders h = HttpClient.create().baseUrl("http://127.0.0.1:" + server.port()).get()
				.uri("/no/such/page").response().map(r -> r.responseHeaders()).block(Duration.ofSeconds(10));
		assertThat(h.get("Content-Security-Policy")).isNotBlank();
		assertThat(h.get("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Tag("fault-injection")
	@Test
	void liveStreamsAreCappedAndTheOneBeyondIsA429() {
		try (EventViewerServer capped = EventViewerServer.builder(store).port(0).maxStreams(1)
				.streamInterval(Duration.ofMillis(100)).build().start()) {
			HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + capped.port());
			reactor.core.Disposable first = client.get().uri("/api/stream").responseContent().asString().subscribe();
			try {
				long deadline = System.nanoTime() + 30_000_000_000L;
				int status = 0;
				while (System.nanoTime() < deadline) {
					status = client.get().uri("/api/stream").response().map(r -> r.status().code())
							.block(Duration.ofSeconds(10));
					if (status == 429) {
						break;
					}
				}
				assertThat(status).isEqualTo(429);
			}
			finally {
				first.dispose();
			}
		}
	}

	@Tag("fault-injection")
	@Test
	void elsewhereThanLoopbackNeedsAToken() throws Exception {
		assertThatThrownBy(() -> EventViewerServer.builder(store).host("0.0.0.0").port(0).build().start())
				.isInstanceOf(IllegalStateException.class).hasMessageContaining("--token-file");
		try (EventViewerServer guarded = EventViewerServer.builder(store).host("0.0.0.0").port(0).token("s3cret").build().start()) {
			HttpClient client = HttpClient.create().baseUrl("http://127.0.0.1:" + guarded.port());
			assertThat(client.get().uri("/api/events").response().map(r -> r.status().code()).block(Duration.ofSeconds(10)))
					.isEqualTo(401);
			assertThat(client.headers(h -> h.set("Authorization", "Bearer wrong")).get().uri("/api/events").response()
					.map(r -> r.status().code()).block(Duration.ofSeconds(10))).isEqualTo(401);
			assertThat(client.headers(h -> h.set("Authorization", "Bearer s3cret")).get().uri("/api/events").response()
					.map(r -> r.status().code()).block(Duration.ofSeconds(10))).isEqualTo(200);
			assertThat(client.get().uri("/?token=anything").response().map(r -> r.status().code())
					.block(Duration.ofSeconds(10))).as("the page checks its token too").isEqualTo(401);
			String cookie = client.get().uri("/?token=s3cret").response()
					.map(r -> r.responseHeaders().get("Set-Cookie")).block(Duration.ofSeconds(10));
			assertThat(cookie).startsWith(ViewerAccess.COOKIE + "=").contains("HttpOnly");
			assertThat(client.headers(h -> h.set("Cookie", ViewerAccess.COOKIE + "=s3cret")).get().uri("/api/events")
					.response().map(r -> r.status().code()).block(Duration.ofSeconds(10))).isEqualTo(200);
			assertThat(guarded.toString()).doesNotContain("s3cret");
		}
	}
}
