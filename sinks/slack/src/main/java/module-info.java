/** Slack's Web API ({@code chat.postMessage}) and incoming webhooks, paced per channel. */
module dev.sluice.sinks.slack {
	requires dev.sluice.pipeline;
	requires dev.sluice.sinks.delivery;
	requires com.fasterxml.jackson.core;
	requires com.fasterxml.jackson.databind;
	requires io.netty.buffer;
	requires io.netty.codec.http;
	requires io.netty.handler;
	requires io.netty.transport;
	requires reactor.netty.core;
	requires reactor.netty.http;

	exports dev.sluice.sinks.slack;

	provides dev.sluice.pipeline.sink.SinkProvider with dev.sluice.sinks.slack.SlackSinkProvider;
}
