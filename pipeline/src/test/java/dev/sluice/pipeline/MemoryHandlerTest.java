package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.sluice.pipeline.console.MemorySinkProvider;
import dev.sluice.pipeline.sink.options.SinkOptions;
import dev.sluice.pipeline.sink.SinkSpec;
import dev.sluice.testkit.RecordingSink;

/** Python's MemoryHandler: holds records, hands them to its target at capacity, at flushLevel and at close. */
class MemoryHandlerTest {

	@Test
	void handsHeldRecordsToItsTargetAtCapacityAtTheFlushLevelAndAtClose() throws Exception {
		RecordingSink target = new RecordingSink();
		Sluice[] holder = new Sluice[1];
		HandlerSpec memory = HandlerSpec.of("buffer", () -> new MemorySinkProvider().create(new SinkSpec("buffer",
				"logging.handlers.MemoryHandler", SinkOptions.of(Map.of("capacity", 3, "target", "console")),
				(r, out) -> out.append(r.message()), holder[0].environment())));
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus()).build();
		holder[0] = sluice;
		sluice.apply(RoutingPlan.builder().handler(HandlerSpec.ofSink("console", target)).handler(memory)
				.root(LoggerSpec.of(Level.INFO, "buffer")).build()).block();
		Logger log = sluice.logger("synapse");
		log.info("1");
		log.info("2");
		sluice.flush().block(Duration.ofSeconds(30));
		assertThat(target.size()).as("held below capacity").isZero();
		log.info("3");
		sluice.flush().block(Duration.ofSeconds(30));
		assertThat(target.records()).extracting(LogRecord::message).containsExactly("1", "2", "3");
		log.info("4");
		log.error("5");
		sluice.flush().block(Duration.ofSeconds(30));
		assertThat(target.size()).as("an ERROR hands on what is held").isEqualTo(5);
		log.info("6");
		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block(Duration.ofSeconds(60));
		assertThat(target.records()).extracting(LogRecord::message).containsExactly("1", "2", "3", "4", "5", "6");
		assertThat(report.sink("buffer").fallback()).isEqualTo(6);
		assertThat(report.sink("console").delivered()).isEqualTo(6);
	}
}
