/**
 * Sluice's pipeline: the API ({@code dev.sluice.pipeline}), the sink SPI
 * ({@code dev.sluice.pipeline.sink}) and the built-in console, null, syslog and memory handlers
 * ({@code dev.sluice.pipeline.console}). The engine ({@code dev.sluice.pipeline.engine}) is internal
 * and not exported.
 */
module dev.sluice.pipeline {
	requires transitive dev.sluice.context;
	requires transitive reactor.core;
	requires transitive org.reactivestreams;
	requires transitive micrometer.core;
	requires org.jctools.core;

	exports dev.sluice.pipeline;
	exports dev.sluice.pipeline.sink;
	exports dev.sluice.pipeline.sink.options;
	exports dev.sluice.pipeline.sink.support;
	exports dev.sluice.pipeline.console;

	uses dev.sluice.pipeline.GlobalConfigurator;
	uses dev.sluice.pipeline.sink.SinkProvider;

	provides dev.sluice.pipeline.sink.SinkProvider with
			dev.sluice.pipeline.console.ConsoleSinkProvider,
			dev.sluice.pipeline.console.NullSinkProvider,
			dev.sluice.pipeline.console.SysLogSinkProvider,
			dev.sluice.pipeline.console.MemorySinkProvider;
}
