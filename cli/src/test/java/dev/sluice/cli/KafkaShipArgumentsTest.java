package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice ship --from kafka} argument checks (no broker needed). */
class KafkaShipArgumentsTest {

	@TempDir
	Path dir;

	private int run(ByteArrayOutputStream err, String... args) {
		PrintStream old = System.err;
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
		try {
			return SluiceCli.commandLine().execute(args);
		}
		finally {
			System.setErr(old);
		}
	}

	@Test
	void missingKafkaOptionsAreNamed() throws Exception {
		Path config = dir.resolve("c.json");
		Files.writeString(config, "{\"version\": 1}");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertThat(run(err, "ship", "--from", "kafka", "--config", config.toString(), "--topic", "t")).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("sluice ship --from kafka: missing --bootstrap, --group");
	}

	@Test
	void aBootstrapThatDoesNotResolveIsOneClearErrorNotAStackTrace() throws Exception {
		Path config = dir.resolve("c.json");
		Files.writeString(config, "{\"version\": 1}");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertThat(run(err, "ship", "--from", "kafka", "--config", config.toString(), "--topic", "t", "--group", "g",
				"--bootstrap", "no-such-host.invalid:9092")).isEqualTo(2);
		String text = err.toString(StandardCharsets.UTF_8);
		assertThat(text).contains("sluice ship --from kafka: cannot start a consumer for --bootstrap"
				+ " 'no-such-host.invalid:9092'").contains("bootstrap");
		assertThat(text.lines().filter(l -> !l.isBlank())).hasSize(1);
	}

	@Test
	void recordsFromTheKafkaSinkParseAndAnUnknownSchemaIsNamed() {
		com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
		ShippedRecord r = ShippedRecord.parse(json, "{\"schema\":1,\"id\":\"0193f0c2-7d3a-7000-8000-000000000001\","
				+ "\"time\":\"2026-11-23T20:29:29.123456789Z\",\"logger\":\"app\",\"level\":\"INFO\",\"message\":\"hi\"}");
		assertThat(r.time().getNano()).isEqualTo(123_456_789);
		assertThat(r.message()).isEqualTo("hi");
		assertThat(r.id()).isEqualTo("0193f0c2-7d3a-7000-8000-000000000001");
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> ShippedRecord.parse(json,
				"{\"schema\":2,\"level\":\"INFO\",\"message\":\"hi\"}"))
				.hasMessage("schema: expected 1 (the version this sluice reads), found 2");
	}

	@Test
	void anUnknownSourceIsRejected() throws Exception {
		Path config = dir.resolve("c.json");
		Files.writeString(config, "{\"version\": 1}");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertThat(run(err, "ship", "--from", "kinesis", "--config", config.toString())).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("--from: expected file or kafka, found 'kinesis'");
	}
}
