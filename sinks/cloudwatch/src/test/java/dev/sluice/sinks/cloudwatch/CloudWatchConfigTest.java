package dev.sluice.sinks.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;

import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.SinkProvider;
import org.junit.jupiter.api.Test;

class CloudWatchConfigTest {

	private final SinkFixture fx = new SinkFixture(Clock.systemUTC());

	@Test
	void theProviderIsFoundByItsWatchtowerAndShortNames() {
		assertThat(ServiceLoader.load(SinkProvider.class).stream().map(ServiceLoader.Provider::get)
				.filter(p -> p instanceof CloudWatchSinkProvider)).singleElement()
				.satisfies(p -> assertThat(p.classNames()).containsExactlyInAnyOrder(
						"watchtower.CloudWatchLogHandler", "cloudwatch", "sluice.cloudwatch"));
	}

	@Test
	void defaultsAreWatchtowersExceptTheSendInterval() {
		SinkFixture plain = new SinkFixture(Clock.systemUTC());
		plain.options.clear();
		CloudWatchConfig c = CloudWatchConfig.read(plain.spec());
		assertThat(c.logGroupName).isEqualTo("watchtower");
		assertThat(c.logStreamName).isEqualTo("{machine_name}/{program_name}/{logger_name}/{process_id}");
		assertThat(c.sendInterval).isEqualTo(Duration.ofSeconds(5));
		assertThat(c.maxBatchSize).isEqualTo(1_048_576);
		assertThat(c.maxBatchCount).isEqualTo(10_000);
		assertThat(c.maxMessageSize).isEqualTo(262_144);
		assertThat(c.createLogGroup).isTrue();
		assertThat(c.createLogStream).isTrue();
		assertThat(c.retentionDays).isNull();
		assertThat(c.json).isFalse();
	}

	@Test
	void everyProblemIsListedAtItsPlaceAndSecretsAreNotPrinted() {
		fx.option("log_group_retention_days", 31).option("max_batch_count", 20_000).option("max_batch_size", 2_000_000)
				.option("max_message_size", 5).option("log_stream_name", "{machine}/{strftime:%Q}")
				.option("endpoint", "logs.example.com").option("concurency", 3).option("log_group_name", "bad name!")
				.option("aws_secret_access_key", "SUPERSECRET");
		assertThatThrownBy(() -> CloudWatchConfig.read(fx.spec())).isInstanceOf(InvalidConfigException.class)
				.hasMessageContaining("/handlers/cloudwatch/log_group_retention_days")
				.hasMessageContaining("one of [1, 3, 5, 7, 14, 30")
				.hasMessageContaining("/handlers/cloudwatch/max_batch_count")
				.hasMessageContaining("/handlers/cloudwatch/max_batch_size")
				.hasMessageContaining("/handlers/cloudwatch/max_message_size")
				.hasMessageContaining("/handlers/cloudwatch/log_stream_name").hasMessageContaining("{machine}")
				.hasMessageContaining("/handlers/cloudwatch/endpoint")
				.hasMessageContaining("did you mean 'concurrency'")
				.hasMessageContaining("/handlers/cloudwatch/log_group_name")
				.satisfies(e -> assertThat(e.getMessage()).doesNotContain("SUPERSECRET"));
	}

	@Test
	void jsonSerializeDefaultAcceptsWatchtowersStrSpelling() {
		assertThat(CloudWatchConfig.read(fx.option("json_serialize_default", "str").spec()).json).isTrue();
	}

	@Test
	void theFeedbackLoopFilterMatchesWholeLoggerNameSegments() {
		assertThat(CloudWatchSink.isFeedback("software.amazon.awssdk.request")).isTrue();
		assertThat(CloudWatchSink.isFeedback("io.netty")).isTrue();
		assertThat(CloudWatchSink.isFeedback("reactor.netty.http.client.HttpClientConnect")).isTrue();
		assertThat(CloudWatchSink.isFeedback("io.nettyish.App")).isFalse();
		assertThat(CloudWatchSink.isFeedback("transactional")).isFalse();
	}

	@Test
	void anOptionsMapOfTagsMustHoldStrings() {
		fx.option("log_group_tags", Map.of("team", Map.of("nested", 1)));
		assertThatThrownBy(() -> CloudWatchConfig.read(fx.spec())).hasMessageContaining("log_group_tags");
	}
}
