package dev.sluice.sinks.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.junit.jupiter.api.Test;

class Utf8Test {

	@Test
	void lengthsMatchJavasEncoder() {
		for (String s : new String[] {"", "abc", "é", "€", "😀", "a😀é€", "\ud800x"}) {
			assertThat(Utf8.length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
		}
	}

	@Test
	void aCutNeverSplitsACharacter() {
		String s = "a😀😀";
		assertThat(Utf8.prefixFitting(s, 1)).isEqualTo(1);
		assertThat(Utf8.prefixFitting(s, 4)).isEqualTo(1);
		assertThat(Utf8.prefixFitting(s, 5)).isEqualTo(3);
		assertThat(Utf8.prefixFitting(s, 100)).isEqualTo(5);
	}

	@Test
	void truncationKeepsTheLimitAndEndsWithTheMarker() {
		LogEventEncoder e = new LogEventEncoder(StreamNameTemplate.compile("s", "h", "p", 1), SinkFixture.messageOnly(),
				false, 100, null, Clock.systemUTC());
		String cut = e.truncate("😀".repeat(100));
		assertThat(cut).endsWith(LogEventEncoder.TRUNCATION_MARKER);
		byte[] bytes = cut.getBytes(StandardCharsets.UTF_8);
		assertThat(bytes.length).isLessThanOrEqualTo(100).isGreaterThan(100 - 4);
		assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(cut);
		assertThat(e.truncate("short")).isEqualTo("short");
	}
}
