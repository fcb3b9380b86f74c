package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The warning for a foreign SLF4J provider names the jar it came from. */
class Slf4jBindingTest {

	@Test
	void theOriginIsTheJarTheClassCameFrom() {
		assertThat(Slf4jBinding.origin(org.slf4j.LoggerFactory.class)).matches(" \\(from slf4j-api-[0-9.]+\\.jar\\)");
		assertThat(Slf4jBinding.origin(String.class)).isEmpty();
	}
}
