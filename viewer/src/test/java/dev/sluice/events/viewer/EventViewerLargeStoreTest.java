package dev.sluice.events.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Statement;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

/**
 * The viewer's API over a real H2 file store of {@value LargeStore#EVENTS} events: pages follow
 * each other by cursor, newest first, with no duplicate and no gap; filtered pages hold exactly the
 * matching events (computed apart from the store); and a page costs a page, not the table: the
 * server reads at most page size + 1 rows from the driver, and H2's own count of rows scanned
 * ({@code EXPLAIN ANALYZE} of the very statement the server ran, with its values) stays near that.
 */
class EventViewerLargeStoreTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

	static LargeStore large;
	static EventViewerServer server;

	@BeforeAll
	static void start() {
		large = LargeStore.shared();
		server = EventViewerServer.builder(large.store).port(0).build().start();
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void theFirstPageIsAPageAndCursorsWalkNewestFirstWithoutGapsOrDuplicates() throws Exception {
		assertThat(large.store.count().block(Duration.ofSeconds(60))).isEqualTo((long) LargeStore.EVENTS);
		List<LargeStore.Row> expected = large.expected(r -> true);
		String cursor = null;
		for (int page = 0; page < 5; page++) {
			JsonNode body = json("/api/events?limit=50" + before(cursor));
			assertThat(ids(body)).as("page %d", page).containsExactlyElementsOf(ids(expected.subList(page * 50, page * 50 + 50)));
			cursor = body.get("next").asText();
			assertThat(cursor).isEqualTo(expected.get(page * 50 + 49).cursor());
		}
	}

	@Test
	void filteredListsPageThroughExactlyTheMatchingEvents() throws Exception {
		// carol's errors: a few hundred events, walked to the end
		List<String> walked = walk("user=carol&level=error", 100, Integer.MAX_VALUE);
		List<LargeStore.Row> expected = large.expected(r -> "carol".equals(r.user()) && r.level().equals("error"));
		assertThat(expected).hasSizeBetween(300, 1000);
		assertThat(walked).containsExactlyElementsOf(ids(expected));

		// bob's operations (Primary events): the first three pages
		assertThat(walk("primary=true&user=bob", 50, 3))
				.containsExactlyElementsOf(ids(large.expected(r -> r.primary() && "bob".equals(r.user())).subList(0, 150)));
		// every error: the first three pages
		assertThat(walk("level=error", 50, 3))
				.containsExactlyElementsOf(ids(large.expected(r -> r.level().equals("error")).subList(0, 150)));
	}

	@Test
	void aDeepPageReadsAPageFromTheDriverAndFromTheTimeIndex() throws Exception {
		List<LargeStore.Row> expected = large.expected(r -> true);
		String cursor = expected.get(LargeStore.EVENTS / 2).cursor();
		CountingConnections.Executed select = page("limit=50" + before(cursor),
				expected.subList(LargeStore.EVENTS / 2 + 1, LargeStore.EVENTS / 2 + 51));
		assertThat(select.sql).endsWith("LIMIT 51");
		assertThat(select.rows.get()).isEqualTo(51);
		String plan = explain(select);
		assertThat(plan).contains("SLUICE_EVENTS_TIME").contains("index sorted").doesNotContain("tableScan");
		assertThat(scanCount(plan)).as(plan).isLessThanOrEqualTo(2 * 51);

		// the page's list: Primary events only, one in five, read through the same index
		List<LargeStore.Row> primary = large.expected(LargeStore.Row::primary);
		select = page("primary=true&limit=50" + before(primary.get(10_000).cursor()), primary.subList(10_001, 10_051));
		plan = explain(select);
		assertThat(plan).contains("index sorted").doesNotContain("tableScan");
		assertThat(scanCount(plan)).as(plan).isLessThanOrEqualTo(LargeStore.PER_OPERATION * 52);
	}

	@Test
	void filteredPagesAndOperationsUseTheirIndexNotATableScan() throws Exception {
		Predicate<LargeStore.Row> bob = r -> "bob".equals(r.user());
		List<LargeStore.Row> bobs = large.expected(bob);
		String plan = explain(page("user=bob&limit=50" + before(bobs.get(1000).cursor()), bobs.subList(1001, 1051)));
		assertThat(plan).contains("SLUICE_EVENTS_USER").doesNotContain("tableScan");
		// H2 reads the user's own index entries (and sorts them); never the rest of the table
		assertThat(scanCount(plan)).as(plan).isLessThanOrEqualTo(bobs.size() + 1);

		List<LargeStore.Row> errors = large.expected(r -> r.level().equals("error"));
		plan = explain(page("level=error&limit=50", errors.subList(0, 50)));
		assertThat(plan).doesNotContain("tableScan");
		assertThat(scanCount(plan)).as(plan).isLessThan(LargeStore.EVENTS / 10);

		large.connections.reset();
		JsonNode op = json("/api/operations/op-12345");
		assertThat(op.get("events")).hasSize(LargeStore.PER_OPERATION);
		List<String> times = new ArrayList<>();
		op.get("events").forEach(e -> times.add(e.get("time").asText()));
		assertThat(times).isSorted();
		assertThat(op.get("events")).filteredOn(e -> e.get("primary").asBoolean()).singleElement()
				.satisfies(e -> assertThat(e.get("message").asText()).isEqualTo("Sync of provider 12345"));
		CountingConnections.Executed select = eventSelect();
		assertThat(select.rows.get()).isEqualTo(LargeStore.PER_OPERATION);
		plan = explain(select);
		assertThat(plan).contains("SLUICE_EVENTS_OPERATION");
		assertThat(scanCount(plan)).as(plan).isLessThanOrEqualTo(LargeStore.PER_OPERATION + 1);
	}

	@Test
	void theIndexesTheQueriesNeedExist() {
		Map<String, List<String>> indexes = Mono.usingWhen(large.connections.unrecorded().create(),
				c -> Flux.from(c.createStatement("SELECT INDEX_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS "
						+ "WHERE TABLE_NAME = 'SLUICE_EVENTS' ORDER BY INDEX_NAME, ORDINAL_POSITION").execute())
						.flatMap(r -> r.map((row, meta) -> Tuples.of(row.get(0, String.class), row.get(1, String.class))))
						.collect(TreeMap<String, List<String>>::new, (m, t) -> m.computeIfAbsent(t.getT1(), k -> new ArrayList<>()).add(t.getT2())),
				Connection::close).block(Duration.ofSeconds(30));
		assertThat(indexes.values()).as(indexes.toString())
				.anySatisfy(cols -> assertThat(cols).startsWith("TIME_NS", "ID"))
				.anySatisfy(cols -> assertThat(cols).startsWith("OPERATION_ID", "TIME_NS"))
				.anySatisfy(cols -> assertThat(cols).startsWith("USER_NAME", "TIME_NS"))
				.anySatisfy(cols -> assertThat(cols).startsWith("LEVEL", "TIME_NS", "ID"))
				.anySatisfy(cols -> assertThat(cols).startsWith("SEQ"));
	}

	// ---- helpers -------------------------------------------------------------------------------

	/** Gets one page, checks it is exactly {@code expected}, and returns the event select the server ran for it. */
	private static CountingConnections.Executed page(String query, List<LargeStore.Row> expected) throws Exception {
		large.connections.reset();
		JsonNode body = json("/api/events?" + query);
		assertThat(ids(body)).as(query).containsExactlyElementsOf(ids(expected));
		return eventSelect();
	}

	/** The one select of event rows run since the last reset. */
	private static CountingConnections.Executed eventSelect() {
		List<CountingConnections.Executed> selects = large.connections.executed().stream()
				.filter(e -> e.sql.startsWith("SELECT") && e.sql.contains(" FROM sluice_events e")).toList();
		assertThat(selects).hasSize(1);
		return selects.get(0);
	}

	/** Follows {@code next} from the first page for at most {@code pages} pages; the ids in order. */
	private static List<String> walk(String query, int size, int pages) throws Exception {
		List<String> ids = new ArrayList<>();
		String cursor = null;
		for (int i = 0; i < pages; i++) {
			JsonNode body = json("/api/events?" + query + "&limit=" + size + before(cursor));
			List<String> page = ids(body);
			ids.addAll(page);
			if (body.get("next").isNull()) {
				assertThat(page.size()).as("a last page").isLessThanOrEqualTo(size);
				break;
			}
			assertThat(page).hasSize(size);
			cursor = body.get("next").asText();
		}
		return ids;
	}

	/** H2's plan for {@code select} with the values it was run with, counting the rows it scans. */
	private static String explain(CountingConnections.Executed select) {
		return Mono.usingWhen(large.connections.unrecorded().create(), c -> {
			Statement s = c.createStatement("EXPLAIN ANALYZE " + select.sql);
			select.bindings.forEach(s::bind);
			return Flux.from(s.execute()).flatMap(r -> r.map((row, meta) -> row.get(0, String.class))).next();
		}, Connection::close).block(Duration.ofSeconds(60));
	}

	private static long scanCount(String plan) {
		Matcher m = SCAN_COUNT.matcher(plan);
		assertThat(m.find()).as(plan).isTrue();
		return Long.parseLong(m.group(1));
	}

	private static String before(String cursor) {
		return cursor == null ? "" : "&before=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
	}

	private static List<String> ids(JsonNode body) {
		List<String> ids = new ArrayList<>();
		body.get("events").forEach(e -> ids.add(e.get("id").asText()));
		return ids;
	}

	private static List<String> ids(List<LargeStore.Row> rows) {
		return rows.stream().map(LargeStore.Row::id).toList();
	}

	private static JsonNode json(String path) throws Exception {
		Tuple2<Integer, String> r = HttpClient.create().baseUrl("http://127.0.0.1:" + server.port()).get().uri(path)
				.responseSingle((res, body) -> body.asString().defaultIfEmpty("").map(b -> Tuples.of(res.status().code(), b)))
				.block(Duration.ofSeconds(60));
		assertThat(r.getT1()).as(path + ": " + r.getT2()).isEqualTo(200);
		return JSON.readTree(r.getT2());
	}
}
