/** The event viewer: a small HTTP server over the event store, with live tail. */
module dev.sluice.events.viewer {
	requires dev.sluice.events;
	requires com.fasterxml.jackson.core;
	requires io.netty.codec.http;
	requires io.netty.handler;
	requires reactor.netty.core;
	requires reactor.netty.http;

	exports dev.sluice.events.viewer;
}
