/** Delivery to remote services for sinks: batching, retries with back-off, a breaker and a fallback. */
module dev.sluice.sinks.delivery {
	requires transitive dev.sluice.pipeline;

	exports dev.sluice.sinks.delivery;
}
