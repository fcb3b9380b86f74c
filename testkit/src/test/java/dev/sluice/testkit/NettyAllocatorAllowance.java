package dev.sluice.testkit;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The one Netty internal this module's tests allow to park on an event loop (registered through
 * {@code META-INF/services}, so BlockHound's JUnit platform installer picks it up).
 */
public final class NettyAllocatorAllowance implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // False positive, Netty internals: Netty 4.2's adaptive buffer allocator, when it grows its set of magazines
        // under contention, frees the old magazine under a StampedLock held only while buffers move between in-memory
        // lists (no I/O, no waiting on other work). Concurrent requests to a stand-in can meet it; the spring module
        // hit it on main. Only this method is allowed, not the allocator.
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                "tryExpandMagazines");
    }
}
