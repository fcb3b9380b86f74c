package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sluice.context.Attributes;
import dev.sluice.context.LogContext;
import dev.sluice.testkit.RecordingSink;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class ReactorContextTest {

	@Test
	void contextOfEachChainReachesOnlyItsOwnRecords() {
		RecordingSink sink = new RecordingSink();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus())
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("rec", sink)
						.withBuffer(BufferSpec.DEFAULT.withCapacity(1 << 16)))
						.root(LoggerSpec.of(Level.INFO, "rec")).build())
				.build();
		Logger log = sluice.logger("chains");
		int chains = 1_000;

		Flux<Integer> all = Flux.range(0, chains).flatMap(i -> Mono.just(i)
				.publishOn(Schedulers.parallel())
				.flatMap(v -> log.reactive().info("reactive {}", v).thenReturn(v))
				.delayElement(Duration.ofMillis(1), Schedulers.parallel())
				.doOnEach(log.onNext(Level.INFO, v -> "onNext " + v))
				.flatMap(v -> Mono.deferContextual(ctx -> {
					log.in(ctx).info("contextual {}", v);
					return Mono.just(v);
				}))
				.flatMap(v -> log.atInfo().attr("own", v).mono("fluent {}", v).thenReturn(v))
				.contextWrite(LogContext.with("chain", i)), 64);
		StepVerifier.create(all).expectNextCount(chains).verifyComplete();
		log.info("outside any chain");

		ShutdownReport report = sluice.shutdown(Duration.ofSeconds(30)).block();
		assertThat(report.sink("rec").delivered()).isEqualTo(chains * 4L + 1);
		List<LogRecord> records = sink.records();
		for (LogRecord r : records) {
			String message = r.message();
			if (message.equals("outside any chain")) {
				assertThat(r.attributes()).isEqualTo(Attributes.empty());
				continue;
			}
			int v = Integer.parseInt(message.substring(message.indexOf(' ') + 1));
			assertThat(r.attributes().get("chain")).as(message).isEqualTo(v);
			if (message.startsWith("fluent")) {
				assertThat(r.attributes().get("own")).isEqualTo(v);
			}
			else {
				assertThat(r.attributes().contains("own")).isFalse();
			}
		}
	}

	@Test
	void reactiveLogChecksLevelAtSubscription() {
		RecordingSink sink = new RecordingSink();
		Sluice sluice = PipelineTestSupport.quiet(new PipelineTestSupport.CapturedStatus())
				.plan(RoutingPlan.builder().handler(HandlerSpec.ofSink("rec", sink))
						.root(LoggerSpec.of(Level.WARNING, "rec")).build())
				.build();
		Mono<Void> debug = sluice.logger("lazy").reactive().debug("only when enabled");
		StepVerifier.create(debug).verifyComplete();
		sluice.setLevel("lazy", Level.DEBUG);
		StepVerifier.create(debug.contextWrite(LogContext.with("k", "v"))).verifyComplete();
		sluice.shutdown(Duration.ofSeconds(10)).block();
		assertThat(sink.records()).singleElement().satisfies(r -> {
			assertThat(r.message()).isEqualTo("only when enabled");
			assertThat(r.attributes().get("k")).isEqualTo("v");
		});
	}
}
