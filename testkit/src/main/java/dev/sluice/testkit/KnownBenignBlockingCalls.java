package dev.sluice.testkit;

import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The blocking calls that tests using the testkit allow, each narrowly, because they are known to be benign. It is
 * registered through the testkit's {@code META-INF/services}, so BlockHound's JUnit platform installer applies it in
 * every module that has the testkit on its test class path; nothing of Sluice's own code is allowed to block.
 * <ul>
 * <li>Netty 4.2's adaptive buffer allocator, growing its magazines under contention, frees the old one under a
 * StampedLock held only while buffers move between in-memory lists (no I/O). Stand-ins and sinks share the JVM's
 * event loops and can meet it. Only that method, not the allocator.</li>
 * <li>The AWS SDK's Netty client, when closed, has {@code SimpleChannelPool.close()} wait for its pooled channels on
 * Netty's {@code GlobalEventExecutor} thread (SDK {@code BetterFixedChannelPool.close0}): once per client, at
 * shutdown, on a thread that serves no requests.</li>
 * <li>Jackson's deserializer cache, used by the stand-ins: the first requests parsed at once may wait a moment on its
 * lock while it is filled, once per type.</li>
 * </ul>
 * With {@code -Dsluice.blockhound.trace=true} every reported call also prints its stack trace, for diagnosis.
 */
public final class KnownBenignBlockingCalls implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
				"tryExpandMagazines");
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
