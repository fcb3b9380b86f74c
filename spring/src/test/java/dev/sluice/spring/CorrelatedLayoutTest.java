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

	/** On a terminal (or with spring.output.ansi.enabled=always) the default line has Boot's colours. */
	@Test
	void bootsColoursWhenAnsiIsOn() {
		AnsiConsoleLayout ansi = new AnsiConsoleLayout(DefaultPlan.DATEFMT);
		String warn = ansi.format(LogRecord.builder(Level.WARNING, "com.acme.Orders", "slow")
				.time(Instant.parse("2026-12-07T10:00:00Z")).thread("main", 1)
				.attributes(Attributes.of(StandardKeys.OPERATION_ID, "op-9")).build());
		assertThat(warn).contains(AnsiConsoleLayout.YELLOW + "WARNING" + AnsiConsoleLayout.RESET)
				.contains("[op-9] " + AnsiConsoleLayout.CYAN + "com.acme.Orders").endsWith(" slow");
		String error = ansi.format(LogRecord.builder(Level.ERROR, "com.acme.Orders", "failed")
				.time(Instant.parse("2026-12-07T10:00:00Z")).thread("main", 1).build());
		assertThat(error).contains(AnsiConsoleLayout.RED + "  ERROR" + AnsiConsoleLayout.RESET).doesNotContain("[]");
	}

	@Test
	void theAnsiPropertyDecides() {
		org.springframework.mock.env.MockEnvironment env = new org.springframework.mock.env.MockEnvironment();
		env.setProperty("spring.output.ansi.enabled", "always");
		assertThat(AnsiConsoleLayout.enabled(env)).isTrue();
		env.setProperty("spring.output.ansi.enabled", "never");
		assertThat(AnsiConsoleLayout.enabled(env)).isFalse();
	}
}
