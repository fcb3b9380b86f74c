package dev.sluice.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.sluice.context.Attributes;
import dev.sluice.pipeline.Level;
import dev.sluice.pipeline.LogRecord;
import dev.sluice.layouts.PythonFormatter;

/** Boot's logging.pattern.* (Logback words) in Python's format. */
class LogbackPatternsTest {

	@Test
	void theCommonWordsBecomePythonFields() {
		LogbackPatterns.Translated t = LogbackPatterns.translate(
				"%clr(%d{yyyy-MM-dd HH:mm:ss}){faint} %-5level %logger{36} [%15.15thread] %X{OperationId} %pid - %msg%n%wEx");
		assertThat(t.format()).isEqualTo("%(asctime)s %(levelname)-5s %(name)s [%(threadName)15.15s] %(OperationId)s"
				+ " %(process)d - %(message)s");
		assertThat(t.datefmt()).isEqualTo("%Y-%m-%d %H:%M:%S");
		LogRecord r = LogRecord.builder(Level.WARNING, "app.Orders", "order 7 shipped")
				.time(Instant.parse("2026-11-23T21:15:26.091Z")).thread("reactor-http-nio-2", 1)
				.attributes(Attributes.empty().with("OperationId", "op-1")).build();
		String line = PythonFormatter.builder().format(t.format()).datefmt(t.datefmt()).utc(true).pid(4242).build().format(r);
		assertThat(line).isEqualTo("2026-11-23 21:15:26 WARNING app.Orders [reactor-http-ni] op-1 4242 - order 7 shipped");
	}

	@Test
	void aWordWithoutAPythonCounterpartIsNamed() {
		assertThatThrownBy(() -> LogbackPatterns.translate("%d %marker %m")).hasMessageContaining("%marker");
		assertThatThrownBy(() -> LogbackPatterns.translate("%d{HH:mm:ss.SSS} %m")).hasMessageContaining("milliseconds");
	}
}
