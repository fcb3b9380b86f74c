package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class OperationIdsTest {

	@Test
	void aSaneRequestIdWins() {
		HttpHeaders h = new HttpHeaders();
		h.set("X-Request-Id", " req-42:a/b ");
		h.set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		assertThat(OperationIds.fromHeaders(h)).isEqualTo("req-42:a/b");
	}

	@Test
	void anInjectedRequestIdIsIgnored() {
		assertThat(OperationIds.requestId("abc\nFAKE LINE")).isNull();
		assertThat(OperationIds.requestId("a b")).isNull();
		assertThat(OperationIds.requestId("")).isNull();
		assertThat(OperationIds.requestId("x".repeat(129))).isNull();
		assertThat(OperationIds.requestId("x".repeat(128))).hasSize(128);
	}

	@Test
	void traceparentFollowsW3cRules() {
		assertThat(OperationIds.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
				.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		// a later version may append fields
		assertThat(OperationIds.traceId("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"))
				.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(OperationIds.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra")).isNull();
		assertThat(OperationIds.traceId("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isNull();
		assertThat(OperationIds.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
		assertThat(OperationIds.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isNull();
		assertThat(OperationIds.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isNull();
		assertThat(OperationIds.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7")).isNull();
	}

	@Test
	void newIdsAre32HexCharactersAndDistinct() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = OperationIds.newId();
			assertThat(id).matches("[0-9a-f]{32}");
			ids.add(id);
		}
		assertThat(ids).hasSize(10_000);
		assertThat(OperationIds.fromHeaders(new HttpHeaders())).isNull();
	}
}
