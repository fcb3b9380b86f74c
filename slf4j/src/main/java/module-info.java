/** The SLF4J 2 provider: every library's SLF4J logging enters the pipeline, with its MDC in Reactor's Context. */
module dev.sluice.slf4j {
	requires dev.sluice.pipeline;
	requires org.slf4j;

	exports dev.sluice.slf4j;

	provides org.slf4j.spi.SLF4JServiceProvider with dev.sluice.slf4j.SluiceServiceProvider;
	provides io.micrometer.context.ThreadLocalAccessor with dev.sluice.slf4j.SluiceMdcAccessor;
}
