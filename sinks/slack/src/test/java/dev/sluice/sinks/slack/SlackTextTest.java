package dev.sluice.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

	@Test
	void escapesTheThreeMarkupCharacters() {
		assertThat(SlackText.escape("a < b && c > d")).isEqualTo("a &lt; b &amp;&amp; c &gt; d");
		assertThat(SlackText.escape("<@U123> <!here>")).isEqualTo("&lt;@U123&gt; &lt;!here&gt;");
		String plain = "Providers Sync Delayed: ['Eng Cloud - 4 days']";
		assertThat(SlackText.escape(plain)).isSameAs(plain);
	}

	@Test
	void shortTextIsKeptWhole() {
		String s = "x".repeat(4_000);
		assertThat(SlackText.cut(s, 4_000)).isSameAs(s);
	}

	@Test
	void longTextIsCutWithAMarkerWithinTheLimit() {
		String s = "y".repeat(10_000);
		String cut = SlackText.cut(s, 4_000);
		assertThat(SlackText.length(cut)).isLessThanOrEqualTo(4_000);
		assertThat(cut).endsWith("characters]").contains("… [cut ");
		int removed = Integer.parseInt(cut.replaceAll("(?s).*\\[cut (\\d+) characters]", "$1"));
		assertThat(cut.indexOf('\n') + removed).isEqualTo(10_000);
	}

	@Test
	void cuttingNeverSplitsASurrogatePairOrAnEntity() {
		String emoji = "\uD83D\uDE80"; // one code point, two chars
		String s = emoji.repeat(5_000);
		String cut = SlackText.cut(s, 4_000);
		assertThat(SlackText.length(cut)).isLessThanOrEqualTo(4_000);
		assertThat(Character.isHighSurrogate(cut.charAt(cut.indexOf('\n') - 1))).isFalse();

		String amps = SlackText.escape("&".repeat(2_000));
		String cutAmps = SlackText.cut(amps, 4_000);
		String head = cutAmps.substring(0, cutAmps.indexOf('\n'));
		assertThat(head.replace("&amp;", "")).isEmpty();
	}
}
