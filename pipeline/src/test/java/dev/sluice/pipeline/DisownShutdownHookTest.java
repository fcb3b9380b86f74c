package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** An owner takes over the pipeline's shutdown by removing its JVM hook (once). */
class DisownShutdownHookTest {

	@Test
	void theHookIsRemovedOnceAndShutdownStaysTheOwners() {
		Sluice sluice = Sluice.builder().shutdownHook(true).build();
		try {
			assertThat(sluice.disownShutdownHook()).isTrue();
			assertThat(sluice.disownShutdownHook()).isFalse();
			assertThat(sluice.isRunning()).isTrue();
		}
		finally {
			sluice.shutdown(Duration.ofSeconds(10)).block(Duration.ofSeconds(30));
		}
		assertThat(sluice.isRunning()).isFalse();
	}

	@Test
	void withoutAHookThereIsNothingToDisown() {
		Sluice sluice = Sluice.builder().shutdownHook(false).build();
		try {
			assertThat(sluice.disownShutdownHook()).isFalse();
		}
		finally {
			sluice.shutdown(Duration.ofSeconds(10)).block(Duration.ofSeconds(30));
		}
	}
}
