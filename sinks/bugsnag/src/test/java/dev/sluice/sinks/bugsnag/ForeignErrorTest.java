package dev.sluice.sinks.bugsnag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.pipeline.sink.ForeignError;

/** An error carried as data (a shipped record's) is reported with its own class and frames. */
class ForeignErrorTest {

	private static final class Carried extends RuntimeException implements ForeignError {
		Carried() {
			super("'sku'", null, false, false);
		}

		@Override
		public String errorClass() {
			return "KeyError";
		}

		@Override
		public StackTraceElement[] getStackTrace() {
			return new StackTraceElement[] {new StackTraceElement("", "handle", "/app/orders.py", 12),
					new StackTraceElement("com.example.Store", "save", "Store.java", 42)};
		}
	}

	@Test
	void itsClassAndFramesAreReported() {
		JsonNode x = new Stacktraces(List.of("com.example")).exceptions(new Carried()).get(0);
		assertThat(x.get("errorClass").asText()).isEqualTo("KeyError");
		assertThat(x.get("message").asText()).isEqualTo("'sku'");
		assertThat(x.get("stacktrace").get(0).get("method").asText()).isEqualTo("handle");
		assertThat(x.get("stacktrace").get(0).get("file").asText()).isEqualTo("/app/orders.py");
		assertThat(x.get("stacktrace").get(0).get("lineNumber").asInt()).isEqualTo(12);
		assertThat(x.get("stacktrace").get(1).get("method").asText()).isEqualTo("com.example.Store.save");
		assertThat(x.get("stacktrace").get(1).get("inProject").asBoolean()).isTrue();
	}
}
