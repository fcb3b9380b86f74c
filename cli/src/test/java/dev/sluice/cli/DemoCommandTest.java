package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

	@Test
	void demoRunsOnParallelThreadsWithoutBlockingAndReportsEverySink(@TempDir Path dir) {
		PrintStream stdout = System.out;
		PrintStream stderr = System.err;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		int exit;
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
		try {
			exit = SluiceCli.commandLine().execute("demo", "--records", "20000", "--data-dir", dir.toString());
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
		}
		String out = captured.toString(StandardCharsets.UTF_8) + errors.toString(StandardCharsets.UTF_8);
		assertThat(exit).as(out).isZero();
		assertThat(out).contains("Sluice demo: 20,000 records logged")
				.contains("sink console")
				.contains("caller time per log call: p50")
				.contains("Providers Sync Delayed");
		// only WARNING and above reach the console
		assertThat(out.lines().filter(l -> l.contains(" - INFO - ") || l.contains(" - DEBUG - "))).isEmpty();
		assertThat(out).containsPattern("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} - jibe.provider(.sync)? - parallel-\\d+ - WARNING - ");
	}
}
