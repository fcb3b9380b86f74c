package dev.sluice.slf4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.sluice.testkit.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With Micrometer's observation accessor on the class path (it logs when the context registry
 * loads it), starting SLF4J prints no SLF4J warning of Sluice's making, and Sluice's MDC accessor
 * is still registered, through ServiceLoader, once the registry is used.
 */
class QuietStartTest {

	@Test
	void startsWithoutASlf4jWarningAndRegistersTheMdcAccessor(@TempDir Path dir) throws Exception {
		ChildJvm.Outcome run = ChildJvm.run(QuietStartMain.class, dir, 60);
		String output = run.output();
		assertThat(run.exited()).as(output).isTrue();
		assertThat(run.exitValue()).as(output).isZero();
		assertThat(output).contains("MAIN-DONE").contains("MDC-ACCESSOR true").doesNotContain("SLF4J(W)")
				.doesNotContain("SLF4J: ");
	}
}
