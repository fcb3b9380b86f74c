/** The event log: events with level, priority, category, operation, user and duration, stored through R2DBC. */
module dev.sluice.events {
	requires transitive dev.sluice.pipeline;
	requires com.fasterxml.jackson.core;
	requires r2dbc.spi;
	requires r2dbc.pool;
	requires r2dbc.h2;
	requires java.sql;
	requires com.h2database;
	requires static r2dbc.postgresql;
	requires static io.netty.buffer;

	exports dev.sluice.events;

	provides dev.sluice.pipeline.sink.SinkProvider with dev.sluice.events.EventSinkProvider;
	provides io.micrometer.context.ThreadLocalAccessor with dev.sluice.events.UnitOfWorkAccessor;
}
