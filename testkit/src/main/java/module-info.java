/** Loopback stand-ins of CloudWatch Logs, Slack and Bugsnag, test sinks, and the sink contract suite. */
module dev.sluice.testkit {
	requires transitive dev.sluice.pipeline;
	requires transitive org.junit.jupiter.api;
	requires transitive org.assertj.core;
	requires transitive reactor.test;
	requires com.fasterxml.jackson.databind;
	requires io.netty.codec.http;
	requires io.netty.handler;
	requires io.netty.transport;
	requires reactor.netty.core;
	requires reactor.netty.http;
	requires reactor.blockhound;

	exports dev.sluice.testkit;

	provides reactor.blockhound.integration.BlockHoundIntegration with dev.sluice.testkit.KnownBenignBlockingCalls;
}
