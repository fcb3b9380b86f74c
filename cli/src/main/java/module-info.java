/** The {@code sluice} command: demo, check-config, ship (files, stdin, Kafka), events and the viewer. */
open module dev.sluice.cli {
	requires dev.sluice.pipeline;
	requires dev.sluice.layouts;
	requires dev.sluice.config;
	requires dev.sluice.events;
	requires dev.sluice.events.viewer;
	requires com.fasterxml.jackson.core;
	requires com.fasterxml.jackson.databind;
	requires kafka.clients;
	requires info.picocli;
	requires HdrHistogram;
}
