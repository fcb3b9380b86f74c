package dev.sluice.sinks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

class RequestCutterTest {

	private static List<Entry<String>> entries(int n, long bytes) {
		List<Entry<String>> out = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			out.add(Entry.of(EngineFixture.record(i, Instant.EPOCH), "e" + i, bytes));
		}
		return out;
	}

	@Test
	void cutsByCountAndKeepsOrder() {
		RequestCutter<String> c = new RequestCutter<>(BatchLimits.count(10), null, null, RequestRule.none());
		List<Request<String>> rs = c.cut(entries(25, 1), new ArrayList<>());
		assertThat(rs).extracting(Request::size).containsExactly(10, 10, 5);
		assertThat(rs.get(2).values()).containsExactly("e20", "e21", "e22", "e23", "e24");
	}

	@Test
	void cutsByBytesAndSetsOversizedAside() {
		RequestCutter<String> c = new RequestCutter<>(BatchLimits.of(100, 100), null, null, RequestRule.none());
		List<Entry<String>> in = entries(7, 30);
		in.add(3, Entry.of(EngineFixture.record(99, Instant.EPOCH), "huge", 101));
		List<Entry<String>> oversized = new ArrayList<>();
		List<Request<String>> rs = c.cut(in, oversized);
		assertThat(rs).extracting(Request::size).containsExactly(3, 3, 1);
		assertThat(rs).allSatisfy(r -> assertThat(r.bytes()).isLessThanOrEqualTo(100));
		assertThat(oversized).extracting(Entry::value).containsExactly("huge");
	}

	@Test
	void partitionsSortsStablyAndAppliesTheServiceRule() {
		RequestCutter<String> c = new RequestCutter<>(BatchLimits.count(100), v -> v.substring(0, 1),
				Comparator.comparing(v -> v.substring(1, 2)),
				(req, next) -> next.value().charAt(1) - req.get(0).value().charAt(1) < 3);
		List<Entry<String>> in = new ArrayList<>();
		for (String v : List.of("a5x", "b1", "a1x", "a9", "a1y", "b2", "a2")) {
			in.add(Entry.of(EngineFixture.record(0, Instant.EPOCH), v, 1));
		}
		List<Request<String>> rs = c.cut(in, new ArrayList<>());
		assertThat(rs).extracting(Request::partition).containsExactly("a", "a", "a", "b");
		assertThat(rs.get(0).values()).containsExactly("a1x", "a1y", "a2");
		assertThat(rs.get(1).values()).containsExactly("a5x");
		assertThat(rs.get(2).values()).containsExactly("a9");
		assertThat(rs.get(3).values()).containsExactly("b1", "b2");
	}
}
