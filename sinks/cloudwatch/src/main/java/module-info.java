/** CloudWatch Logs through the AWS SDK v2 asynchronous client. */
module dev.sluice.sinks.cloudwatch {
	requires dev.sluice.pipeline;
	requires dev.sluice.sinks.delivery;
	requires com.fasterxml.jackson.core;
	requires software.amazon.awssdk.services.cloudwatchlogs;
	requires software.amazon.awssdk.core;
	requires software.amazon.awssdk.awscore;
	requires software.amazon.awssdk.regions;
	requires software.amazon.awssdk.auth;
	requires software.amazon.awssdk.http;
	requires software.amazon.awssdk.http.nio.netty;

	exports dev.sluice.sinks.cloudwatch;

	provides dev.sluice.pipeline.sink.SinkProvider with dev.sluice.sinks.cloudwatch.CloudWatchSinkProvider;
}
