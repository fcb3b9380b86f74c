package dev.sluice.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.benchmarks.stacks.Library;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke test CI runs: every benchmark of every measure, in quick mode (no fork, one short
 * iteration), with every delivery check, then the report. It fails when a benchmark fails (a
 * stack that cannot be built, a baseline that lost records, Sluice losing a record without
 * counting it), when a measure is missing results, or when the libraries did not write the same
 * text. No figure is asserted.
 */
class QuickSuiteTest {

	@Test
	void everyBenchmarkRunsAndEveryLibraryDeliversWhatItShould(@TempDir Path dir) throws Exception {
		// a smoke run: another JMH run on the machine (a full benchmarks/run, another build's smoke
		// test) holds JMH's lock file, which must not fail this build
		System.setProperty("jmh.ignoreLock", "true");
		List<String> failed = new Suite(true, dir).runAll();
		assertThat(failed).as("benchmarks that failed").isEmpty();

		Data data = Data.read(dir);
		int libraries = Library.BASE.size();
		assertThat(data.jmh.get("caller_cost")).as("caller cost: 4 libraries and Sluice with waiting callers × 2 sinks × 2 thread counts")
				.hasSize((libraries + 1) * 4);
		for (String measure : new String[] {"end_to_end", "stalled_sink", "reload"}) {
			assertThat(data.jmh.get(measure)).as(measure).hasSize(libraries);
		}
		assertThat(data.jmh.get("allocation")).as("allocation, with Sluice's waiting callers").hasSize(libraries + 1);
		for (Data.Row r : data.jmh.get("caller_cost")) {
			assertThat(r.score()).as("calls/s of " + r.params()).isPositive();
			assertThat(r.secondary("delivered")).as("delivered/s is reported beside calls/s").isNotNull();
		}

		// the same text from every library: the lines differ only in their time stamp
		Set<String> lines = new HashSet<>();
		Set<Long> sizes = new HashSet<>();
		for (Library l : Library.BASE) {
			List<JsonNode> shots = data.extras("end_to_end", l.name(), java.util.Map.of());
			assertThat(shots).as("end-to-end shots of " + l).isNotEmpty();
			for (JsonNode shot : shots) {
				assertThat(shot.path("delivered").asLong()).isEqualTo(shot.path("calls").asLong());
				lines.add(shot.path("first_line").asText().substring("2026-01-01 00:00:00,000".length()));
				sizes.add(shot.path("bytes").asLong());
			}
		}
		assertThat(lines).as("first lines without the time").hasSize(1);
		assertThat(sizes).as("file sizes of the end-to-end shots").hasSize(1);
		assertThat(lines.iterator().next()).startsWith(" - jibe.provider.sync - ").contains(" - INFO - Providers sync");

		Path report = dir.resolve("RESULTS-quick.md");
		Report.write(dir, report, new Report.RunInfo(true, Instant.now(), Instant.now(), "", failed));
		assertThat(Files.readString(report)).contains("## 1. Caller cost", "## 5. Reload", "## Goals of issue 12");
		assertThat(Files.readString(dir.resolve("results-quick.svg"))).startsWith("<svg").contains("</svg>");
	}
}
