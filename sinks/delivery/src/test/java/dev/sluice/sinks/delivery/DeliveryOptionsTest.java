package dev.sluice.sinks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import org.junit.jupiter.api.Test;

class DeliveryOptionsTest {

	private static SinkSpec spec(Map<String, Object> options) {
		return new SinkSpec("remote", "x", new SinkOptions("/handlers/remote", options), Layout.BASIC,
				new EngineFixture().env);
	}

	@Test
	void readsTheSharedOptions() {
		SinkSpec s = spec(Map.of("fallback", "file", "retry_max_time", "30s", "retry_min_backoff", 0.5,
				"breaker_failures", 3, "breaker_open_time", "1m"));
		DeliveryOptions o = DeliveryOptions.read(s);
		s.options().validate();
		assertThat(o.fallback()).isEqualTo("file");
		assertThat(o.retry().maxElapsed()).isEqualTo(Duration.ofSeconds(30));
		assertThat(o.retry().minBackoff()).isEqualTo(Duration.ofMillis(500));
		assertThat(o.breaker().failureThreshold()).isEqualTo(3);
		assertThat(o.breaker().openDuration()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void listsEveryProblem() {
		SinkSpec s = spec(Map.of("fallback", "remote", "retry_min_backoff", "5s", "retry_max_backoff", "1s",
				"breaker_failures", 0));
		DeliveryOptions.read(s);
		assertThatThrownBy(() -> s.options().validate()).isInstanceOf(InvalidConfigException.class)
				.hasMessageContaining("/handlers/remote/fallback").hasMessageContaining("/handlers/remote/retry_max_backoff")
				.hasMessageContaining("/handlers/remote/breaker_failures");
	}
}
