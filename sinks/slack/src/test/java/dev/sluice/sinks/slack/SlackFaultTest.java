package dev.sluice.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SlackFaultTest {

	private static SlackReply api(String error) {
		return new SlackReply(200, null, "{\"ok\":false,\"error\":\"" + error + "\"}");
	}

	@Test
	void okIsSuccess() {
		assertThat(SlackFault.of(new SlackReply(200, null, "{\"ok\":true,\"ts\":\"1.2\"}"), false, "channel #g")).isNull();
		assertThat(SlackFault.of(new SlackReply(200, null, "ok"), true, "a webhook")).isNull();
	}

	@Test
	void rateLimitsAreTransientWithTheirRetryAfter() {
		SlackFault f = SlackFault.of(new SlackReply(429, Duration.ofSeconds(7), "{\"ok\":false,\"error\":\"ratelimited\"}"),
				false, "channel #g");
		assertThat(f.isPermanent()).isFalse();
		assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(7));
		assertThat(SlackFault.of(api("rate_limited"), false, "c").isPermanent()).isFalse();
		assertThat(SlackFault.of(new SlackReply(429, Duration.ofSeconds(2), "rate_limited"), true, "w").retryAfter())
				.isEqualTo(Duration.ofSeconds(2));
	}

	@ParameterizedTest
	@ValueSource(strings = {"service_unavailable", "fatal_error", "internal_error"})
	void serviceErrorsAreTransient(String code) {
		assertThat(SlackFault.of(api(code), false, "c").isPermanent()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = {500, 502, 503, 504, 408})
	void serverStatusesAreTransient(int status) {
		assertThat(SlackFault.of(new SlackReply(status, null, "oops"), false, "c").isPermanent()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
			"channel_not_found", "not_in_channel", "is_archived", "msg_too_long", "msg_blocks_too_long",
			"invalid_blocks", "too_many_attachments", "no_text"})
	void theListedCodesArePermanentWithAdvice(String code) {
		SlackFault f = SlackFault.of(api(code), false, "channel #general");
		assertThat(f.isPermanent()).isTrue();
		assertThat(f.reason()).isEqualTo("slack_" + code);
		assertThat(f.advice()).contains(code);
	}

	@Test
	void notInChannelSaysToInviteTheApp() {
		assertThat(SlackFault.of(api("not_in_channel"), false, "channel #general").advice())
				.contains("/invite @").contains("#general");
	}

	@Test
	void webhookErrorsArePermanent() {
		SlackFault f = SlackFault.of(new SlackReply(403, null, "invalid_token"), true, "an incoming webhook");
		assertThat(f.isPermanent()).isTrue();
		assertThat(f.advice()).contains("webhook");
	}
}
