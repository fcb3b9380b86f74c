/** Python's {@code logging.Formatter}, python-json-logger's {@code JsonFormatter}, and the ECS and plain JSON layouts. */
module dev.sluice.layouts {
	requires transitive dev.sluice.pipeline;
	requires com.fasterxml.jackson.core;
	requires com.fasterxml.jackson.databind;

	exports dev.sluice.layouts;
}
