package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.sluice.testkit.AwsCredentialProperties;
import dev.sluice.testkit.CloudWatchLogsStandIn;
import dev.sluice.testkit.MotoServer;
import dev.sluice.testkit.StoredLogEvent;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/** {@code sluice ship} into CloudWatch Logs: the testkit's stand-in, and moto when it is installed. */
class ShipToCloudWatchTest {

	@TempDir
	Path dir;

	private String err;
	private AwsCredentialProperties credentials;

	@BeforeEach
	void credentials() {
		// the sink uses the SDK's default credential chain
		credentials = AwsCredentialProperties.set("AKIDSHIP", "SHIPSECRET");
	}

	@AfterEach
	void restore() {
		credentials.close();
	}

	private int ship(URI endpoint, int n) throws IOException {
		Path config = Files.writeString(dir.resolve("cloudwatch.json"), ("{'version': 1,"
				+ " 'formatters': {'f': {'format': '%(levelname)s %(name)s %(message)s'}},"
				+ " 'handlers': {'cloudwatch': {'class': 'watchtower.CloudWatchLogHandler', 'formatter': 'f',"
				+ "  'log_group_name': 'shipped', 'log_stream_name': '{logger_name}', 'send_interval': 1,"
				+ "  'region': 'us-east-1', 'endpoint': '" + endpoint + "', 'max_batch': 10000}},"
				+ " 'root': {'level': 'INFO', 'handlers': ['cloudwatch']}}").replace('\'', '"'));
		Instant start = Instant.now().minusSeconds(3_600);
		StringBuilder in = new StringBuilder();
		for (int i = 0; i < n; i++) {
			// out of order by up to 10 minutes, as merged logs are
			Instant t = start.plusMillis(i * 1_000L + (i % 7 == 0 ? -600_000 : 0));
			in.append("{\"time\": \"").append(t).append("\", \"logger\": \"transactional\", \"level\": \"INFO\",")
					.append(" \"message\": \"Organization was successfully added ").append(i).append("\"}\n");
		}
		Path input = Files.writeString(dir.resolve("in.jsonl"), in);
		PrintStream stderr = System.err;
		ByteArrayOutputStream e = new ByteArrayOutputStream();
		System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
		try {
			return SluiceCli.commandLine().execute("ship", "--config", config.toString(), "--input", input.toString());
		}
		finally {
			System.setErr(stderr);
			err = e.toString(StandardCharsets.UTF_8);
		}
	}

	@Tag("fault-injection")
	@Test
	void shipIntoTheStandIn() throws Exception {
		try (CloudWatchLogsStandIn standIn = CloudWatchLogsStandIn.start()) {
			int exit = ship(standIn.endpoint(), 3_000);

			assertThat(exit).as(err).isZero();
			assertThat(err).contains("sink cloudwatch: read 3,000  delivered 3,000  dropped 0").doesNotContain("SHIPSECRET");
			List<StoredLogEvent> events = standIn.events("shipped", "transactional");
			assertThat(events).hasSize(3_000);
			assertThat(events.get(0).message()).startsWith("INFO transactional Organization was successfully added ");
			assertThat(standIn.violations()).isEmpty();
		}
	}

	@Test
	void shipIntoMoto() throws Exception {
		assumeTrue(MotoServer.executable().isPresent(), MotoServer.MISSING);
		try (MotoServer moto = MotoServer.start(dir.resolve("moto.log"))) {
			URI endpoint = moto.endpoint();

			int exit = ship(endpoint, 500);

			assertThat(exit).as(err).isZero();
			try (CloudWatchLogsAsyncClient reader = CloudWatchLogsAsyncClient.builder().endpointOverride(endpoint)
					.region(Region.US_EAST_1)
					.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
				List<String> messages = new ArrayList<>();
				String token = null;
				while (true) {
					String t = token;
					GetLogEventsResponse page = reader.getLogEvents(b -> b.logGroupName("shipped")
							.logStreamName("transactional").startFromHead(true).nextToken(t)).join();
					page.events().stream().map(OutputLogEvent::message).forEach(messages::add);
					if (page.events().isEmpty() || page.nextForwardToken() == null
							|| page.nextForwardToken().equals(t)) {
						break;
					}
					token = page.nextForwardToken();
				}
				assertThat(messages).hasSize(500).contains("INFO transactional Organization was successfully added 499");
			}
		}
	}
}
