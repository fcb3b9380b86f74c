package dev.sluice.sinks.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
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

	private static Process moto;
	private static URI endpoint;
	private static String oldKey;
	private static String oldSecret;

	@BeforeAll
	static void startMoto() throws Exception {
		Path exe = onPath("moto_server");
		assumeTrue(exe != null, "moto_server is not on the PATH: install moto 5 with its server extra"
				+ " (pip install 'moto[server]') to run the CloudWatch Logs integration test against it");
		int port;
		try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = s.getLocalPort();
		}
		moto = new ProcessBuilder(exe.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
				.redirectErrorStream(true).redirectOutput(new File("target/moto-server.log")).start();
		endpoint = URI.create("http://127.0.0.1:" + port);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!accepts(port)) {
			assertThat(moto.isAlive()).as("moto_server exited; see target/moto-server.log").isTrue();
			assertThat(System.nanoTime()).as("moto_server did not listen within 60 s").isLessThan(deadline);
			moto.waitFor(100, TimeUnit.MILLISECONDS); // wait for the port, or for the process to die
		}
		// the SDK's default chain reads these system properties first
		oldKey = System.setProperty("aws.accessKeyId", "testing");
		oldSecret = System.setProperty("aws.secretAccessKey", "testing");
	}

	@AfterAll
	static void stopMoto() throws InterruptedException {
		if (moto != null) {
			moto.destroy();
			if (!moto.waitFor(10, TimeUnit.SECONDS)) {
				moto.destroyForcibly();
			}
			restore("aws.accessKeyId", oldKey);
			restore("aws.secretAccessKey", oldSecret);
		}
	}

	private static void restore(String key, String old) {
		if (old == null) {
			System.clearProperty(key);
		}
		else {
			System.setProperty(key, old);
		}
	}

	private static boolean accepts(int port) {
		try (Socket s = new Socket()) {
			s.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException e) {
			return false;
		}
	}

	private static Path onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String dir : path.split(File.pathSeparator)) {
			Path p = Path.of(dir, name);
			if (Files.isExecutable(p)) {
				return p;
			}
		}
		return null;
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
