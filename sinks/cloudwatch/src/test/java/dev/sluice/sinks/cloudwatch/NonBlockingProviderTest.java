package dev.sluice.sinks.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.sluice.pipeline.sink.Batch;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.testkit.AwsCredentialProperties;
import dev.sluice.testkit.CloudWatchLogsStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The sink as the provider makes it (the SDK's default credential chain, its Netty client), written
 * to from a Reactor thread while BlockHound watches: the first call resolves credentials and opens
 * connections, and none of it may block a non-blocking thread.
 */
class NonBlockingProviderTest {

	private final CloudWatchLogsStandIn standIn = CloudWatchLogsStandIn.start();
	private AwsCredentialProperties credentials;

	@BeforeEach
	void credentials() {
		credentials = AwsCredentialProperties.set("AKIDPROVIDER", "PROVIDERSECRET");
	}

	@AfterEach
	void stop() {
		credentials.close();
		standIn.close();
	}

	@Test
	void aWriteFromAReactorThreadNeverBlocksIt() {
		SinkFixture fx = new SinkFixture(Clock.systemUTC()).option("endpoint", standIn.endpoint().toString())
				.option("max_batch_count", 50);
		Sink sink = new CloudWatchSinkProvider().create(fx.spec());
		Batch b = new Batch(SinkFixture.records(500, Instant.now(), 1));

		Mono.defer(() -> sink.write(b)).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(60));
		sink.close().block(Duration.ofSeconds(30));

		assertThat(b.droppedCount()).as(fx.status()).isZero();
		assertThat(standIn.messages(SinkFixture.GROUP, "app")).hasSize(500);
		assertThat(standIn.violations()).isEmpty();
		assertThat(fx.status()).doesNotContain("PROVIDERSECRET");
	}
}
