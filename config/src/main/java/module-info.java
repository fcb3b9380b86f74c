/** dictConfig files (JSON or YAML) read, checked and followed as a stream of routing plans. */
module dev.sluice.config {
	requires transitive dev.sluice.pipeline;
	requires dev.sluice.layouts;
	requires com.fasterxml.jackson.core;
	requires com.fasterxml.jackson.databind;
	requires com.fasterxml.jackson.dataformat.yaml;

	exports dev.sluice.config;

	provides dev.sluice.pipeline.GlobalConfigurator with dev.sluice.config.FileGlobalConfigurator;
	provides dev.sluice.pipeline.sink.SinkProvider with dev.sluice.config.django.AdminEmailSinkProvider;
}
