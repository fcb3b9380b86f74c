package dev.sluice.config;

import static dev.sluice.config.ConfigTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.sluice.pipeline.IngressFullPolicy;
import dev.sluice.pipeline.OverflowPolicy;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.SinkEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file's own {@code sluice} section, other top-level keys CPython ignores, and local sinks' default overflow. */
class SluiceSectionTest {

	@TempDir
	Path dir;

	private LoggingConfig read(String text) {
		return ConfigTestSupport.loader(dir, Map.of()).read(ConfigTestSupport.write(dir, "logging.json", text));
	}

	@Test
	void theSectionSetsTheIngressAndItsFullPolicy() {
		LoggingConfig c = read(json("{'version': 1, 'sluice': {'ingress_capacity': 4096, 'ingress_full': 'wait',"
				+ " 'ingress_wait': 0.25}, 'root': {'level': 'INFO'}}"));
		assertThat(c.sluice().ingressCapacity()).isEqualTo(4096);
		assertThat(c.sluice().ingressFullPolicy()).isEqualTo(IngressFullPolicy.waitForRoom(Duration.ofMillis(250)));
		RoutingPlan plan = ConfigLoader.defaults().plan(c, SinkEnvironment.defaults().withBaseDirectory(dir));
		assertThat(plan.ingressFullPolicy()).isEqualTo(IngressFullPolicy.waitForRoom(Duration.ofMillis(250)));
		assertThat(read(json("{'version': 1, 'sluice': {'ingress_full': 'DROP'}}")).sluice().ingressFullPolicy())
				.isEqualTo(IngressFullPolicy.drop());
		assertThat(read(json("{'version': 1}")).sluice()).isEqualTo(SluiceSection.NONE);
	}

	@Test
	void everyBadValueOfTheSectionIsNamedAtItsPlace() {
		assertThatThrownBy(() -> read(json("{'version': 1, 'sluice': {'ingress_capacity': 1e12, 'ingress_full': 'spin',"
				+ " 'ingress_wait': -1, 'ingres_full': 'drop'}}")))
				.isInstanceOf(InvalidConfigException.class)
				.hasMessageContaining("/sluice/ingress_capacity: expected a whole number of records from 2 to 16777216")
				.hasMessageContaining("/sluice/ingress_full: expected 'wait' or 'drop', found 'spin'")
				.hasMessageContaining("/sluice/ingress_wait: expected a number of seconds from 0 to 86400")
				.hasMessageContaining("/sluice/ingres_full");
	}

	@Test
	void otherTopLevelKeysAreIgnoredAsCPythonDoes() {
		LoggingConfig c = read(json("{'version': 1, 'default_level': 'INFO', 'true_formatters': {'x': 1},"
				+ " 'root': {'level': 'INFO'}}"));
		assertThat(c.root()).isNotNull();
	}

	@Test
	void localSinksAreLosslessByDefaultAndRemoteOnesDropNewest() {
		LoggingConfig c = read(json("{'version': 1, 'handlers': {'console': {'class': 'logging.StreamHandler'},"
				+ " 'rec': {'class': 'recording', 'id': 'overflow'},"
				+ " 'told': {'class': 'logging.StreamHandler', 'overflow': 'drop_oldest'}}}"));
		assertThat(c.handlers().get("console").buffer().policy()).isEqualTo(OverflowPolicy.BLOCK);
		assertThat(c.handlers().get("rec").buffer().policy()).isEqualTo(OverflowPolicy.DROP_NEWEST);
		assertThat(c.handlers().get("told").buffer().policy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
	}
}
