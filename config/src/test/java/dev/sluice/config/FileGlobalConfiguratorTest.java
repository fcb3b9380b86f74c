package dev.sluice.config;

import static dev.sluice.config.ConfigTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.sluice.config.testing.RecordingSinkProvider;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.pipeline.Sluice;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The global pipeline's configurator: the file named by -Dsluice.config or SLUICE_CONFIG. */
class FileGlobalConfiguratorTest {

	@TempDir
	Path dir;

	@Test
	void withoutAFileNameItLeavesThePipelineAlone() {
		try (Sluice sluice = Sluice.builder().shutdownHook(false).build()) {
			assertThat(new FileGlobalConfigurator(k -> null, k -> null).configure(sluice)).isFalse();
		}
	}

	@Test
	void thePropertyWinsOverTheVariable() throws Exception {
		Path good = ConfigTestSupport.write(dir, "good.json", json("{'version': 1, 'handlers': {'h': {'class': 'recording',"
				+ " 'id': 'global'}}, 'root': {'level': 'INFO', 'handlers': ['h']}}"));
		Map<String, String> props = Map.of(FileGlobalConfigurator.PROPERTY, good.toString());
		Map<String, String> env = Map.of(FileGlobalConfigurator.VARIABLE, dir.resolve("missing.json").toString());
		Sluice sluice = Sluice.builder().shutdownHook(false).build();
		try {
			assertThat(new FileGlobalConfigurator(props::get, env::get).configure(sluice)).isTrue();
			sluice.logger("app").info("configured");
		}
		finally {
			sluice.shutdown(Duration.ofSeconds(30)).block();
		}
		assertThat(RecordingSinkProvider.allRecords("global")).extracting(LogRecord::message).containsExactly("configured");
	}

	@Test
	void anInvalidFileIsAnErrorNamingEveryProblem() {
		Path bad = ConfigTestSupport.write(dir, "bad.json", json("{'version': 1, 'root': {'level': 'LOUD'}}"));
		try (Sluice sluice = Sluice.builder().shutdownHook(false).build()) {
			assertThatThrownBy(() -> new FileGlobalConfigurator(k -> null, Map.of(FileGlobalConfigurator.VARIABLE,
					bad.toString())::get).configure(sluice)).isInstanceOf(InvalidConfigException.class)
					.hasMessageContaining(bad + ":/root/level");
		}
	}
}
