package dev.sluice.config;

import static dev.sluice.config.ConfigTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.sluice.config.testing.RecordingSinkProvider;
import dev.sluice.pipeline.RoutingPlan;
import dev.sluice.pipeline.sink.options.InvalidConfigException;
import dev.sluice.pipeline.sink.options.Secret;
import dev.sluice.pipeline.sink.SinkEnvironment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret's value is never in an error, a summary or a toString(). */
class SecretsTest {

	private static final String VALUE = "xoxb-9999-SUPERSECRET";

	@TempDir
	Path dir;

	private LoggingConfig read(String text) {
		return ConfigTestSupport.loader(dir, Map.of("TOKEN", VALUE)).read(ConfigTestSupport.write(dir, "s.json", text));
	}

	@Test
	void substitutedSecretsAreSecretsEverywhere() throws Exception {
		Files.writeString(dir.resolve("password.txt"), VALUE + "\n");
		LoggingConfig c = read(json("{'version': 1, 'handlers': {'h': {'class': 'recording', 'id': 'secrets',"
				+ " 'api_key': '${env:TOKEN}'}, 'g': {'class': 'recording', 'id': 'secrets2', 'api_key': '${file:password.txt}'}},"
				+ " 'root': {'handlers': ['h', 'g']}}"));
		assertThat(c.handlers().get("h").options().get("api_key")).isEqualTo(Secret.of(VALUE));
		assertThat(c.handlers().get("g").options().get("api_key")).isEqualTo(Secret.of(VALUE));
		RoutingPlan plan = ConfigLoader.defaults().plan(c, SinkEnvironment.defaults());
		RecordingSinkProvider.Recorded sink = (RecordingSinkProvider.Recorded) plan.handlers().get("h").sinkFactory().get();
		assertThat(sink.apiKey.reveal()).isEqualTo(VALUE);
		assertThat(String.join("|", c.toString(), c.handlers().toString(), c.handlers().get("h").identity().toString(),
				plan.toString(), plan.handlers().toString(), sink.spec.toString(), sink.spec.options().toString()))
				.doesNotContain(VALUE).doesNotContain("SUPERSECRET");
	}

	@Tag("fault-injection")
	@Test
	void aSubstitutedValueInAnyKindOfKeyIsNeverShown() {
		// a level, a formatter's format, a filter's pattern, a logger's propagate: none looks secret
		InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> read(json("{'version': 1,"
				+ " 'formatters': {'f': {'format': '%(message', 'style': '${env:TOKEN}'}},"
				+ " 'filters': {'x': {'message_regex': '(${env:TOKEN}'}},"
				+ " 'handlers': {'h': {'class': 'console', 'level': '${env:TOKEN}', 'stream': '${env:TOKEN}',"
				+ "   'buffer_size': '${env:TOKEN}'}},"
				+ " 'loggers': {'a': {'level': 'x${env:TOKEN}', 'propagate': '${env:TOKEN}'}}}")));
		assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(6);
		assertThat(e.getMessage()).doesNotContain("SUPERSECRET").doesNotContain(VALUE).contains("***");
	}

	@Tag("fault-injection")
	@Test
	void aSubstitutionProblemDoesNotHideTheFilesOtherProblems() {
		InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> read(json("{'version': 1,"
				+ " 'handlers': {'h': {'class': 'recording', 'id': 'r', 'api_key': '${env:NOT_SET}'}},"
				+ " 'root': {'level': 'LOUD'}}")));
		assertThat(e.problems()).extracting(Object::toString)
				.anySatisfy(p -> assertThat(p).contains("/handlers/h/api_key").contains("NOT_SET is not set"))
				.anySatisfy(p -> assertThat(p).contains("/root/level").contains("'LOUD'"));
		assertThat(e.problems()).filteredOn(p -> p.location().endsWith("/handlers/h/api_key")).hasSize(1);
	}

	@Tag("fault-injection")
	@Test
	void aRejectedSecretIsNamedNotShown() {
		InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> read(json("{'version': 1,"
				+ " 'handlers': {'c': {'class': 'console', 'api_key': '${env:TOKEN}', 'password': '" + VALUE + "'},"
				+ "  'r': {'class': 'recording', 'id': 'x', 'api_key': ['${env:TOKEN}']}}}")));
		assertThat(e.problems()).extracting(Object::toString).anySatisfy(p -> assertThat(p).contains("/handlers/c/api_key"))
				.anySatisfy(p -> assertThat(p).contains("/handlers/c/password"))
				.anySatisfy(p -> assertThat(p).contains("/handlers/r/api_key"));
		assertThat(e.getMessage()).doesNotContain("SUPERSECRET");
	}

	@Test
	void aSecretInAPlaceThatIsNotAnOptionIsNotEchoed() {
		InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> read(json("{'version': 1,"
				+ " 'handlers': {'h': {'class': 'recording', 'id': 'x', 'level': {'token': '${env:TOKEN}'}}}}")));
		assertThat(e.getMessage()).contains("/handlers/h/level").doesNotContain("SUPERSECRET");
	}
}
