package dev.sluice.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

class AttributesTest {

	@Test
	void withReturnsANewMapAndKeepsOrder() {
		Attributes a = Attributes.of("User", "alice");
		Attributes b = a.with("OperationId", "op-1").with("User", "bob");
		assertThat(a.asMap()).containsExactly(Map.entry("User", "alice"));
		assertThat(b.asMap()).containsExactly(Map.entry("User", "bob"), Map.entry("OperationId", "op-1"));
		assertThat(b.without("User").asMap()).containsExactly(Map.entry("OperationId", "op-1"));
		assertThat(b.with("User", null).contains("User")).isFalse();
		assertThat(a.with("User", "alice")).isSameAs(a);
		assertThat(Attributes.of("x", 1, "y", 2)).isEqualTo(Attributes.of("y", 2, "x", 1));
		assertThat(b.toString()).isEqualTo("{User=bob, OperationId=op-1}");
		assertThatThrownBy(() -> a.with(null, "v")).isInstanceOf(NullPointerException.class);
	}

	@Test
	void fromMapSkipsNullsAndWithAllLetsTheArgumentWin() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("a", 1);
		m.put("b", null);
		Attributes from = Attributes.from(m);
		assertThat(from.size()).isEqualTo(1);
		assertThat(from.withAll(Attributes.of("a", 2)).get("a")).isEqualTo(2);
	}

	@Test
	void contextWriteMergesWithAttributesFurtherDown() {
		Mono<Attributes> read = LogContext.current()
				.contextWrite(LogContext.with("inner", "i"))
				.contextWrite(StandardKeys.user("alice"));
		StepVerifier.create(read)
				.assertNext(a -> assertThat(a.asMap()).containsEntry("User", "alice").containsEntry("inner", "i"))
				.verifyComplete();
		assertThat(LogContext.attributes(Context.empty()).isEmpty()).isTrue();
		assertThat(LogContext.attributes(Context.of(LogContext.KEY, "not attributes")).isEmpty()).isTrue();
	}

	@Test
	void contextPropagationRestoresAttributesAsAThreadLocal() {
		assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
				.anyMatch(a -> a instanceof LogContextAccessor);
		Context ctx = LogContext.put(Context.empty(), "User", "carol");
		ContextSnapshotFactory factory = ContextSnapshotFactory.builder().build();
		try (var scope = factory.setThreadLocalsFrom(ctx, LogContext.KEY)) {
			assertThat(CurrentAttributes.get().get("User")).isEqualTo("carol");
		}
		assertThat(CurrentAttributes.get().isEmpty()).isTrue();
	}

	@Test
	void blockHoundIsInstalled() {
		assertThatThrownBy(() -> Mono.fromCallable(() -> {
			Thread.sleep(1);
			return 1;
		}).subscribeOn(Schedulers.parallel()).block()).hasMessageContaining("Blocking call");
	}
}
