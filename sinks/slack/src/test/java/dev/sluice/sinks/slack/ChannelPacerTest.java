package dev.sluice.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import reactor.test.scheduler.VirtualTimeScheduler;

class ChannelPacerTest {

	private static final Duration PACE = Duration.ofSeconds(1);

	@Test
	void sinksOnTheSameSchedulerShareEachChannelsPace() {
		VirtualTimeScheduler vts = VirtualTimeScheduler.create();
		try {
			ChannelPacer first = ChannelPacer.shared(vts);
			ChannelPacer second = ChannelPacer.shared(vts);
			assertThat(second).isSameAs(first);
			assertThat(ChannelPacer.shared(VirtualTimeScheduler.create())).isNotSameAs(first);

			AtomicInteger done = new AtomicInteger();
			first.turn("#general", PACE).subscribe(null, null, done::incrementAndGet);
			second.turn("#general", PACE).subscribe(null, null, done::incrementAndGet);
			second.turn("#other", PACE).subscribe(null, null, done::incrementAndGet);
			assertThat(done).hasValue(2);
			vts.advanceTimeBy(Duration.ofMillis(999));
			assertThat(done).hasValue(2);
			vts.advanceTimeBy(Duration.ofMillis(1));
			assertThat(done).hasValue(3);
		}
		finally {
			vts.dispose();
		}
	}

	@Test
	void aRetryAfterHoldsTheChannelBack() {
		VirtualTimeScheduler vts = VirtualTimeScheduler.create();
		try {
			ChannelPacer pacer = new ChannelPacer(vts);
			pacer.holdOff("#general", Duration.ofSeconds(30));
			AtomicInteger done = new AtomicInteger();
			pacer.turn("#general", PACE).subscribe(null, null, done::incrementAndGet);
			vts.advanceTimeBy(Duration.ofSeconds(29));
			assertThat(done).hasValue(0);
			vts.advanceTimeBy(Duration.ofSeconds(1));
			assertThat(done).hasValue(1);
			assertThat(pacer.waitMillis("#general")).isEqualTo(1_000);
		}
		finally {
			vts.dispose();
		}
	}
}
