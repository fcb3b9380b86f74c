package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.sluice.context.Attributes;
import dev.sluice.context.StandardKeys;
import dev.sluice.layouts.PythonFormatter;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;

/** Without a dictConfig the console line shows the OperationId when the record has one, and nothing when not. */
class CorrelatedLayoutTest {

	private final CorrelatedLayout layout = new CorrelatedLayout(
			PythonFormatter.builder().format(DefaultPlan.FORMAT).datefmt(DefaultPlan.DATEFMT).utc(true).build(),
			PythonFormatter.builder().format(CorrelatedLayout.FORMAT).datefmt(DefaultPlan.DATEFMT).utc(true).build());

	private static LogRecord record(Attributes attributes) {
		return LogRecord.builder(Level.INFO, "com.acme.Orders", "order placed").time(Instant.parse("2026-12-07T10:00:00Z"))
				.thread("reactor-http-nio-2", 7).attributes(attributes).build();
	}

	@Test
	void theOperationIdStandsBeforeTheLoggerName() {
		String line = layout.format(record(Attributes.of(StandardKeys.OPERATION_ID, "4f1c9a")));
		assertThat(line).contains("[reactor-http-ni] [4f1c9a] com.acme.Orders").endsWith(": order placed");
	}

	@Test
	void aRecordOutsideAUnitOfWorkHasNoBrackets() {
		String line = layout.format(record(Attributes.empty()));
		assertThat(line).contains("[reactor-http-ni] com.acme.Orders").doesNotContain("[]");
	}
}
