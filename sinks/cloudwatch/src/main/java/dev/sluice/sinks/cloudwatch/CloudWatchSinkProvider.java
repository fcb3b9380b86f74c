package dev.sluice.sinks.cloudwatch;

import java.net.URI;
import java.util.List;
import java.util.Set;

import dev.sluice.pipeline.sink.options.ConfigProblem;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.Sink;
import dev.sluice.pipeline.sink.SinkProvider;
import dev.sluice.pipeline.sink.SinkSpec;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClientBuilder;

/**
 * Makes CloudWatch Logs sinks for the handler classes {@code watchtower.CloudWatchLogHandler},
 * {@code cloudwatch} and {@code sluice.cloudwatch}. The client is the SDK's
 * {@code CloudWatchLogsAsyncClient} over its Netty HTTP client, with credentials from the SDK's
 * default chain (or the {@code boto3_profile_name} profile), the {@code region} option (else the
 * SDK's region chain) and the {@code endpoint} option (VPC, GovCloud, tests). The SDK's own retries
 * are off: the delivery engine retries, with its breaker and accounting.
 */
public final class CloudWatchSinkProvider implements SinkProvider {

	@Override
	public Set<String> classNames() {
		return Set.of("watchtower.CloudWatchLogHandler", "cloudwatch", "sluice.cloudwatch");
	}

	@Override
	public Sink create(SinkSpec spec) {
		CloudWatchConfig config = CloudWatchConfig.read(spec);
		CloudWatchLogsAsyncClient client = client(spec, config);
		return new CloudWatchSink(spec, config, client, true, Schedulers.parallel(), Schedulers.boundedElastic(),
				java.time.Clock.systemUTC());
	}

	static CloudWatchLogsAsyncClient client(SinkSpec spec, CloudWatchConfig config) {
		AwsCredentialsProvider credentials = config.profile != null
				? ProfileCredentialsProvider.builder().profileName(config.profile).build()
				: DefaultCredentialsProvider.builder().build();
		CloudWatchLogsAsyncClientBuilder b = CloudWatchLogsAsyncClient.builder()
				.httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(Math.max(8, config.concurrency * 2)))
				.credentialsProvider(credentials)
				.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
						.apiCallAttemptTimeout(config.requestTimeout));
		if (config.region != null) {
			b.region(Region.of(config.region));
		}
		URI endpoint = config.endpoint;
		if (endpoint != null) {
			b.endpointOverride(endpoint);
		}
		try {
			return b.build();
		}
		catch (SdkClientException e) {
			throw new InvalidConfigException(List.of(new ConfigProblem(spec.options().pointer() + "/region",
					"no AWS region: set the handler's region option, or AWS_REGION (" + e.getMessage() + ")")));
		}
	}
}
