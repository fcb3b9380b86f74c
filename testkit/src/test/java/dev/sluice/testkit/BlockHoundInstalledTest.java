package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Proves BlockHound is active in this module's tests, so that the stand-ins' non-blocking claims are checked. */
class BlockHoundInstalledTest {

    @Test
    void blockingOnAParallelThreadFails() {
        assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1))
                .doOnNext(x -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(10)))
                .hasMessageContaining("Blocking call");
    }
}
