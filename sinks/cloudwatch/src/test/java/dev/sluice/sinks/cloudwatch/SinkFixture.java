package dev.sluice.sinks.cloudwatch;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.sink.Layout;
import dev.sluice.pipeline.sink.SinkEnvironment;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.pipeline.sink.StatusLogger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;

/** Builds CloudWatch sinks for tests: options, a captured status log, a clock, a test client. */
final class SinkFixture {

	static final String GROUP = "integrates";

	final ByteArrayOutputStream statusBytes = new ByteArrayOutputStream();
	final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	final Clock clock;
	final SinkEnvironment env;
	final Map<String, Object> options = new HashMap<>();

	SinkFixture(Clock clock) {
		this.clock = clock;
		this.env = new SinkEnvironment(clock, StatusLogger.to(new PrintStream(statusBytes, true, StandardCharsets.UTF_8)),
				Path.of("."), meters);
		options.put("log_group_name", GROUP);
		options.put("log_stream_name", "app");
		options.put("send_interval", 0);
		options.put("region", "us-east-1");
	}

	SinkFixture option(String key, Object value) {
		options.put(key, value);
		return this;
	}

	SinkSpec spec() {
		return new SinkSpec("cloudwatch", "watchtower.CloudWatchLogHandler", new SinkOptions("/handlers/cloudwatch",
				options), (r, out) -> out.append(r.message()), env);
	}

	/** One HTTP client for every test (closing one takes Netty's 2-second quiet period); never closed. */
	private static final SdkAsyncHttpClient HTTP = NettyNioAsyncHttpClient.builder().build();

	static CloudWatchLogsAsyncClient client(URI endpoint, ExecutionInterceptor... interceptors) {
		return CloudWatchLogsAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "TESTSECRETVALUE123")))
				.httpClient(HTTP)
				.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
						.executionInterceptors(List.of(interceptors))).build();
	}

	CloudWatchSink sink(URI endpoint) {
		return sink(endpoint, Schedulers.parallel());
	}

	CloudWatchSink sink(URI endpoint, Scheduler scheduler) {
		return sink(client(endpoint), scheduler);
	}

	CloudWatchSink sink(CloudWatchLogsAsyncClient client, Scheduler scheduler) {
		SinkSpec spec = spec();
		return new CloudWatchSink(spec, CloudWatchConfig.read(spec), client, true, scheduler,
				Schedulers.boundedElastic(), clock);
	}

	String status() {
		return statusBytes.toString(StandardCharsets.UTF_8);
	}

	static LogRecord record(String logger, String message, Instant time) {
		return LogRecord.builder(Level.INFO, logger, message).time(time).build();
	}

	/** {@code n} records "event i" from logger "app", {@code step} millis apart, ending at {@code end}. */
	static List<LogRecord> records(int n, Instant end, long stepMillis) {
		List<LogRecord> out = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			out.add(record("app", "event " + i, end.minusMillis((n - 1 - i) * stepMillis)));
		}
		return out;
	}

	static Layout messageOnly() {
		return (r, out) -> out.append(r.message());
	}
}
