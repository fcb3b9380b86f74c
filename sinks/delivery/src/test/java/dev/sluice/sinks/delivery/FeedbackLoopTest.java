package dev.sluice.sinks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedbackLoopTest {

	@Test
	void theHttpClientsLoggersMatchByWholeNameSegments() {
		FeedbackLoop f = FeedbackLoop.HTTP_CLIENT;
		assertThat(f.isFeedback("io.netty")).isTrue();
		assertThat(f.isFeedback("io.netty.channel.DefaultChannelPipeline")).isTrue();
		assertThat(f.isFeedback("reactor.netty.http.client.HttpClientConnect")).isTrue();
		assertThat(f.isFeedback("io.nettyish.App")).isFalse();
		assertThat(f.isFeedback("reactor.core.publisher.Flux")).isFalse();
		assertThat(f.isFeedback("jibe.provider")).isFalse();
	}

	@Test
	void moreLoggersCanBeAdded() {
		FeedbackLoop f = FeedbackLoop.httpClientAnd("software.amazon.awssdk");
		assertThat(f.isFeedback("software.amazon.awssdk.request")).isTrue();
		assertThat(f.isFeedback("io.netty")).isTrue();
		assertThat(f.isFeedback("software.amazon.awssdkx")).isFalse();
		assertThat(FeedbackLoop.HTTP_CLIENT.isFeedback("software.amazon.awssdk.request")).isFalse();
	}
}
