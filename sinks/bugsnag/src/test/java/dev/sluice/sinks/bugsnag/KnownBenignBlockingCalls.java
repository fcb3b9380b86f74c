package dev.sluice.sinks.bugsnag;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The blocking calls this module's tests allow, each narrowly, as the testkit and the CloudWatch
 * sink allow them (registered through {@code META-INF/services}, so BlockHound's JUnit platform
 * installer picks it up):
 * <ul>
 * <li>Netty 4.2's adaptive buffer allocator, growing its magazines under contention, frees the old
 * one under a StampedLock held only while buffers move between in-memory lists (no I/O); the
 * stand-in and the sink share the JVM's event loops and can meet it. Only that method.</li>
 * <li>Jackson's deserializer cache: the first replies parsed at once may wait a moment on its
 * lock while it is filled, once per type.</li>
 * </ul>
 */
public final class KnownBenignBlockingCalls implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
				"tryExpandMagazines");
		builder.allowBlockingCallsInside("com.fasterxml.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
	}
}
