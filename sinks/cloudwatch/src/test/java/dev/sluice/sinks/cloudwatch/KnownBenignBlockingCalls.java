package dev.sluice.sinks.cloudwatch;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows, narrowly, one blocking call inside the AWS SDK's Netty HTTP client that is known to be
 * benign: when the client is closed, Netty's {@code SimpleChannelPool.close()} waits for its
 * pooled channels to close on Netty's {@code GlobalEventExecutor} thread (SDK
 * {@code BetterFixedChannelPool.close0}). It happens once per client, at shutdown, on a thread
 * that serves no requests; nothing of Sluice's runs there.
 *
 * <p>And one inside Jackson, used by the testkit's stand-in (not by Sluice): the first requests to
 * arrive at once may wait a moment on the lock of Jackson's deserializer cache while it is filled
 * ({@code DeserializerCache._createAndCacheValueDeserializer}); once per type, in a test server.
 */
public final class KnownBenignBlockingCalls implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("io.netty.channel.pool.SimpleChannelPool", "close");
		builder.allowBlockingCallsInside("com.fasterxml.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
		if (Boolean.getBoolean("sluice.blockhound.trace")) {
			builder.blockingMethodCallback(m -> {
				BlockingOperationError e = new BlockingOperationError(m);
				e.printStackTrace();
				throw e;
			});
		}
	}
}
