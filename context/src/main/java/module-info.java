/**
 * Sluice's context: the attributes a unit of work carries in Reactor's {@code Context}, and their
 * propagation to thread-locals through Micrometer's context-propagation.
 */
module dev.sluice.context {
	requires transitive reactor.core;
	requires transitive org.reactivestreams;
	requires transitive context.propagation;

	exports dev.sluice.context;

	provides io.micrometer.context.ThreadLocalAccessor with dev.sluice.context.LogContextAccessor;
}
