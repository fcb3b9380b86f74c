package dev.sluice.sinks.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import org.junit.jupiter.api.Test;

class StreamNameTemplateTest {

	private final LogRecord record = LogRecord.builder(Level.INFO, "transactional", "m")
			.time(Instant.parse("2026-03-01T07:08:09.123456Z")).thread("worker-1", 7).build();

	@Test
	void watchtowersDefaultTemplate() {
		assertThat(StreamNameTemplate.compile(StreamNameTemplate.DEFAULT, "host-a", "app.jar", 4242).resolve(record))
				.isEqualTo("host-a/app.jar/transactional/4242");
	}

	@Test
	void everyPlaceholderAndLiteralBraces() {
		String t = "{{x}}-{thread_name}-{strftime:%Y-%m-%d %H:%M:%S.%f %j %a %b %y %I%p %%}";
		assertThat(StreamNameTemplate.compile(t, "h", "p", 1).resolve(record))
				.isEqualTo("{x}-worker-1-2026-03-01 07_08_09.123456 060 Sun Mar 26 07AM %");
	}

	@Test
	void weekNumbersAsPythonComputesThem() {
		// Python: datetime(2026, 3, 1).strftime('%U %W %w') == '09 08 0'
		StringBuilder sb = new StringBuilder();
		Strftime.compile("%U %W %w").format(ZonedDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC), sb);
		assertThat(sb).hasToString("09 08 0");
	}

	@Test
	void forbiddenCharactersAreReplacedAndLongNamesCut() {
		assertThat(StreamNameTemplate.sanitize("a:b*c")).isEqualTo("a_b_c");
		assertThat(StreamNameTemplate.sanitize("x".repeat(600))).hasSize(512);
	}

	@Test
	void unknownPlaceholdersAndDirectivesAreNamed() {
		assertThatThrownBy(() -> StreamNameTemplate.compile("{host}", "h", "p", 1)).hasMessageContaining("{host}");
		assertThatThrownBy(() -> StreamNameTemplate.compile("{strftime:%Q}", "h", "p", 1)).hasMessageContaining("%Q");
		assertThatThrownBy(() -> StreamNameTemplate.compile("{logger_name", "h", "p", 1)).hasMessageContaining("'{'");
	}
}
