package dev.sluice.sinks.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.testkit.AwsCredentialProperties;
import dev.sluice.testkit.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * Ships records to moto (the AWS service emulator, {@code moto_server}) through the sink made by
 * the provider, with the SDK's default credential chain, and reads them back with GetLogEvents.
 * Skipped when {@code moto_server} is not on the PATH.
 */
class MotoIntegrationTest {

	private static MotoServer moto;
	private static URI endpoint;
	private static AwsCredentialProperties credentials;

	@BeforeAll
	static void startMoto() {
		assumeTrue(MotoServer.executable().isPresent(), MotoServer.MISSING);
		moto = MotoServer.start(Path.of("target/moto-server.log"));
		endpoint = moto.endpoint();
		credentials = AwsCredentialProperties.set("testing", "testing");
	}

	@AfterAll
	static void stopMoto() {
		if (moto != null) {
			moto.close();
			credentials.close();
		}
	}

	@Test
	void recordsShippedThroughTheSdkAreReadBackWithGetLogEvents() {
		SinkFixture fx = new SinkFixture(Clock.systemUTC()).option("endpoint", endpoint.toString())
				.option("log_group_name", "moto-group").option("log_stream_name", "{logger_name}")
				.option("log_group_retention_days", 7).option("json_serialize_default", true);
		Sink sink = new CloudWatchSinkProvider().create(fx.spec());
		Instant now = Instant.now();
		List<LogRecord> records = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			records.add(SinkFixture.record("transactional", "Organization was successfully added " + i,
					now.minusMillis(300 - i)));
		}
		records.add(LogRecord.builder(dev.sluice.pipeline.Level.INFO, "transactional", "with extra")
				.time(now).attributes(dev.sluice.context.Attributes.of("organization_id", "123", "user_email",
						"test_user")).build());
		Batch batch = new Batch(records);
		sink.write(batch).block(Duration.ofSeconds(60));
		sink.close().block(Duration.ofSeconds(30));
		assertThat(batch.droppedCount()).isZero();

		try (CloudWatchLogsAsyncClient reader = SinkFixture.client(endpoint)) {
			List<String> messages = new ArrayList<>();
			String token = null;
			while (true) {
				String t = token;
				GetLogEventsResponse page = reader.getLogEvents(b -> b.logGroupName("moto-group")
						.logStreamName("transactional").startFromHead(true).nextToken(t)).join();
				page.events().stream().map(OutputLogEvent::message).forEach(messages::add);
				if (page.events().isEmpty() || page.nextForwardToken() == null || page.nextForwardToken().equals(t)) {
					break;
				}
				token = page.nextForwardToken();
			}
			assertThat(messages).hasSize(301);
			assertThat(messages.get(0)).isEqualTo("{\"message\":\"Organization was successfully added 0\"}");
			assertThat(messages.get(300)).isEqualTo(
					"{\"message\":\"with extra\",\"organization_id\":\"123\",\"user_email\":\"test_user\"}");
			assertThat(reader.describeLogGroups(b -> b.logGroupNamePrefix("moto-group")).join().logGroups())
					.singleElement().satisfies(g -> assertThat(g.retentionInDays()).isEqualTo(7));
		}
	}
}
