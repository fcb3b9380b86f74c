package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * Many first requests at once on a fresh stand-in are all served, with BlockHound on. The park this guards against
 * (Jackson filling its deserializer cache under a lock on two event loops at once, seen by the CloudWatch sink's tests)
 * is a race that this test did not reproduce locally even without the warm-up in {@code Json}; it is a regression
 * check for the burst, not a proof of the fix.
 */
class FirstRequestsBurstTest {

    @Test
    void aBurstOfFirstRequestsMeetsNoBlockingCall() {
        try (BugsnagStandIn bugsnag = BugsnagStandIn.start()) {
            HttpClient client = HttpClient.create().headers(h -> h.set("Content-Type", "application/json")
                    .set("Bugsnag-Api-Key", BugsnagStandInTest.KEY).set("Bugsnag-Payload-Version", "5")
                    .set("Bugsnag-Sent-At", "2026-03-01T12:00:00Z"));
            String body = BugsnagStandInTest.payload().toString();
            List<Integer> statuses = Flux.range(0, 64)
                    .flatMap(i -> client.post().uri(bugsnag.notifyUrl())
                            .send(ByteBufFlux.fromString(Mono.just(body)))
                            .responseSingle((res, content) -> content.then(Mono.just(res.status().code()))), 64)
                    .collectList()
                    .block(Duration.ofSeconds(60));

            assertThat(statuses).hasSize(64).containsOnly(200);
            assertThat(bugsnag.violations()).isEmpty();
        }
    }
}
