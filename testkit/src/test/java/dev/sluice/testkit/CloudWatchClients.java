package dev.sluice.testkit;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;

/** The real AWS SDK v2 async client pointed at a stand-in: static fake credentials, no retries. */
final class CloudWatchClients {

    /**
     * One Netty HTTP client for every test: closing an SDK client that owns its HTTP client takes about 5 s (its
     * connection pools close on Netty's global executor), while a client given an HTTP client leaves it open. Its
     * threads are daemons and end with the test JVM.
     */
    private static final SdkAsyncHttpClient HTTP = NettyNioAsyncHttpClient.builder().build();

    private CloudWatchClients() {
    }

    static CloudWatchLogsAsyncClient client(CloudWatchLogsStandIn standIn) {
        return client(standIn, Duration.ofSeconds(20));
    }

    static CloudWatchLogsAsyncClient client(CloudWatchLogsStandIn standIn, Duration attemptTimeout) {
        return CloudWatchLogsAsyncClient.builder()
                .endpointOverride(standIn.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "not-a-secret")))
                .httpClient(HTTP)
                .overrideConfiguration(c -> c
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(attemptTimeout))
                .build();
    }

    /** Waits for an SDK call on the test thread and unwraps its failure. */
    static <T> T join(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw e;
        }
    }
}
