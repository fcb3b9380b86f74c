/** Bugsnag's Error Reporting API v5: errors with breadcrumbs, user and context of their unit of work. */
module dev.sluice.sinks.bugsnag {
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

	exports dev.sluice.sinks.bugsnag;

	provides dev.sluice.pipeline.sink.SinkProvider with dev.sluice.sinks.bugsnag.BugsnagSinkProvider;
}
