package dev.sluice.cli;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows, narrowly, the one blocking call of the AWS SDK's Netty client that is known to be benign:
 * when the CloudWatch sink closes its client at the end of {@code ship}, Netty's
 * {@code SimpleChannelPool.close()} waits for the pooled channels to close on Netty's
 * {@code GlobalEventExecutor} thread (SDK {@code BetterFixedChannelPool.close0}). Once per client,
 * at shutdown, on a thread that serves no requests.
 */
public final class SdkShutdownBlockingAllowed implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("io.netty.channel.pool.SimpleChannelPool", "close");
	}
}
