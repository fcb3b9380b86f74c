package dev.sluice.spring;

import static dev.sluice.spring.Records.EVENTS;
import static dev.sluice.spring.Records.RECORDS;
import static dev.sluice.spring.Records.awaitUntil;
import static dev.sluice.spring.Records.byOperation;
import static dev.sluice.spring.Records.ofOperation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import dev.sluice.context.StandardKeys;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.Sluice;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Requests as units of work on a real server: 1,000 requests held in the handler at the same time
 * (a gate opens only when all are inside), each with its own user and X-Request-Id; every record
 * and event of a request carries its user, OperationId and ActivityId and no other's; the unit's
 * context stack is per request; callers' ids reach SLF4J, Sluice and event records alike.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnitOfWorkTest {

	private static final int REQUESTS = 1_000;
	private static final String STEP = TestApp.WorkController.STEP;

	@LocalServerPort
	int port;

	@Autowired
	Gate gate;

	@Autowired
	Sluice sluice;

	@AfterAll
	static void noBlockingCalls() {
		assertThat(BlockingCalls.REPORTED).as("blocking calls BlockHound reported").isEmpty();
	}

	@Test
	void aThousandConcurrentRequestsEachCarryTheirOwnUserAndOperation() {
		// one connection per request, all open at once: the gate below holds every request in the
		// handler until the thousandth arrives
		ConnectionProvider connections = ConnectionProvider.builder("thousand").maxConnections(REQUESTS)
				.pendingAcquireMaxCount(REQUESTS).pendingAcquireTimeout(Duration.ofSeconds(60)).build();
		try {
			WebClient web = WebClient.builder().baseUrl("http://localhost:" + port)
					.clientConnector(new ReactorClientHttpConnector(
							HttpClient.create(connections).responseTimeout(Duration.ofSeconds(60))))
					.build();
			gate.arm(REQUESTS);
			List<String> wrong = Flux.range(0, REQUESTS)
					.flatMap(n -> web.get().uri("/work/{n}", n)
							.headers(h -> h.setBasicAuth("user-" + n, "pw-user-" + n))
							.header("X-Request-Id", "op-" + n)
							.exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("")
									.map(body -> r.statusCode().value() == 200 && body.equals("done " + n)
											&& ("op-" + n).equals(r.headers().asHttpHeaders().getFirst("X-Request-Id"))
													? "" : "request " + n + ": " + r.statusCode() + " " + body)),
							REQUESTS)
					.filter(s -> !s.isEmpty()).collectList().block(Duration.ofSeconds(120));
			assertThat(wrong).isEmpty();
			assertThat(gate.arrived()).as("requests in the handler at once").isEqualTo(REQUESTS);
		}
		finally {
			connections.disposeLater().block(Duration.ofSeconds(30));
		}

		// five records in the handler and the access record; two events in the handler and the access event
		awaitUntil(() -> byOperation(RECORDS).values().stream().filter(l -> l.size() >= 6).count() >= REQUESTS
				&& byOperation(EVENTS).values().stream().filter(l -> l.size() >= 3).count() >= REQUESTS,
				"every request's records and events");
		Map<String, List<LogRecord>> records = byOperation(RECORDS);
		Map<String, List<LogRecord>> events = byOperation(EVENTS);
		Set<Object> activities = new HashSet<>();
		for (int n = 0; n < REQUESTS; n++) {
			List<LogRecord> mine = records.get("op-" + n);
			assertThat(mine).as("records of op-%d", n).hasSize(6);
			assertThat(mine).extracting(LogRecord::message).contains("work " + n + " started",
					"work " + n + " in the chain", "work " + n + " event", "work " + n + " after the hop",
					"work " + n + " done");
			assertThat(events.get("op-" + n)).as("events of op-%d", n).hasSize(3)
					.extracting(LogRecord::message).contains("work " + n + " event", "work " + n + " done");
			Object activity = mine.get(0).attributes().get(StandardKeys.ACTIVITY_ID);
			assertThat(activity).isNotNull();
			activities.add(activity);
			for (LogRecord r : concat(mine, events.get("op-" + n))) {
				assertThat(r.attributes().get(StandardKeys.USER)).as("user of %s", r).isEqualTo("user-" + n);
				assertThat(r.attributes().get(StandardKeys.ENTRY_POINT)).as("%s", r).isEqualTo("GET /work/" + n);
				assertThat(r.attributes().get(StandardKeys.ACTIVITY_ID)).as("%s", r).isEqualTo(activity);
				// the unit's stack: pushed before the first event, popped after the last, per request
				boolean inStack = r.message().equals("work " + n + " event") || r.message().equals("work " + n + " done");
				assertThat(r.attributes().get(STEP)).as("Step of %s", r).isEqualTo(inStack ? "work-" + n : null);
			}
		}
		assertThat(activities).as("one ActivityId per request").hasSize(REQUESTS);
		// no record of a user carries another request's operation, wherever it was logged
		for (LogRecord r : concat(RecordingSinkProvider.records(RECORDS), RecordingSinkProvider.records(EVENTS))) {
			Object user = r.attributes().get(StandardKeys.USER);
			if (user != null && user.toString().startsWith("user-")) {
				assertThat(r.attributes().get(StandardKeys.OPERATION_ID)).as("%s", r)
						.isEqualTo("op-" + user.toString().substring("user-".length()));
			}
		}
		assertThat(sluice.reports().get(RECORDS).dropped()).isZero();
		assertThat(sluice.reports().get(EVENTS).dropped()).isZero();
	}

	@Test
	void aCallersRequestIdIsTheOperationIdOfSlf4jSluiceAndEventRecords() {
		assertCallerIdReachesEveryRecord(7001, "X-Request-Id", "caller-req-7001", "caller-req-7001");
	}

	@Test
	void aW3cTraceparentsTraceIdIsTheOperationIdOfSlf4jSluiceAndEventRecords() {
		assertCallerIdReachesEveryRecord(7002, "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
				"0af7651916cd43dd8448eb211c80319c");
	}

	/**
	 * Micrometer Tracing with the Brave bridge is on this module's test class path: a request's
	 * records and events carry the server span's traceId (the caller's, from traceparent) and
	 * spanId, under the names Boot's log correlation uses.
	 */
	@Test
	void tracedRequestsCarryTheirTraceAndSpanIds() {
		String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
		String parent = "00f067aa0ba902b7";
		WebClient.create("http://localhost:" + port).get().uri("/work/{n}", 7003)
				.headers(h -> h.setBasicAuth("tracer", "pw-tracer")).header("X-Request-Id", "traced-7003")
				.header("traceparent", "00-" + trace + "-" + parent + "-01")
				.exchangeToMono(r -> r.releaseBody()).block(Duration.ofSeconds(60));
		awaitUntil(() -> ofOperation(RECORDS, "traced-7003").size() >= 6 && ofOperation(EVENTS, "traced-7003").size() >= 3,
				"the records of traced-7003");
		List<LogRecord> all = concat(ofOperation(RECORDS, "traced-7003"), ofOperation(EVENTS, "traced-7003"));
		Object span = all.get(0).attributes().get(TraceIds.SPAN_ID);
		assertThat(String.valueOf(span)).matches("[0-9a-f]{16}").isNotEqualTo(parent);
		assertThat(all).allSatisfy(r -> {
			assertThat(r.attributes().get(TraceIds.TRACE_ID)).as("%s", r).isEqualTo(trace);
			assertThat(r.attributes().get(TraceIds.SPAN_ID)).as("%s", r).isEqualTo(span);
		});

		// without caller ids (and, at Boot's default sampling, most likely unsampled) the server
		// span's trace id is the OperationId
		String echoed = WebClient.create("http://localhost:" + port).get().uri("/work/{n}", 7004)
				.headers(h -> h.setBasicAuth("tracer", "pw-tracer"))
				.exchangeToMono(r -> r.releaseBody().thenReturn(r.headers().asHttpHeaders().getFirst("X-Request-Id")))
				.block(Duration.ofSeconds(60));
		assertThat(echoed).matches("[0-9a-f]{32}");
		awaitUntil(() -> ofOperation(RECORDS, echoed).size() >= 6, "the records of " + echoed);
		assertThat(ofOperation(RECORDS, echoed)).allSatisfy(r -> {
			assertThat(r.attributes().get(TraceIds.TRACE_ID)).isEqualTo(echoed);
			assertThat(String.valueOf(r.attributes().get(TraceIds.SPAN_ID))).matches("[0-9a-f]{16}");
		});
	}

	private void assertCallerIdReachesEveryRecord(int n, String header, String value, String operationId) {
		WebClient.create("http://localhost:" + port).get().uri("/work/{n}", n)
				.headers(h -> h.setBasicAuth("caller", "pw-caller")).header(header, value)
				.exchangeToMono(r -> {
					assertThat(r.statusCode().value()).isEqualTo(200);
					assertThat(r.headers().asHttpHeaders().getFirst("X-Request-Id")).isEqualTo(operationId);
					return r.releaseBody();
				}).block(Duration.ofSeconds(60));
		awaitUntil(() -> ofOperation(RECORDS, operationId).size() >= 6 && ofOperation(EVENTS, operationId).size() >= 3,
				"the records of " + operationId);
		String work = TestApp.WorkController.LOGGER;
		assertThat(ofOperation(RECORDS, operationId)).extracting(LogRecord::loggerName)
				.containsExactlyInAnyOrder(work + ".slf4j", work + ".slf4j", work, work + ".events", work + ".events",
						UnitOfWorkWebFilter.ACCESS_LOGGER);
		assertThat(ofOperation(EVENTS, operationId)).hasSize(3)
				.allSatisfy(e -> assertThat(e.attributes().get(StandardKeys.USER)).isEqualTo("caller"));
	}

	private static List<LogRecord> concat(List<LogRecord> a, List<LogRecord> b) {
		return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
	}
}
