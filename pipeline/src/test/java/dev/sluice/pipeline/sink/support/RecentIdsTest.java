package dev.sluice.pipeline.sink.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

	@Test
	void remembersTheLastCapacityIdsAndForgetsTheOldest() {
		RecentIds recent = new RecentIds(3);
		recent.addAll(List.of("a", "b", "c"));
		recent.add("b"); // remembered already: no second slot
		assertThat(recent.size()).isEqualTo(3);
		recent.add("d");
		assertThat(recent.contains("a")).isFalse();
		assertThat(recent.contains("b")).isTrue();
		assertThat(recent.contains("d")).isTrue();
		assertThat(recent.size()).isEqualTo(3);
	}

	@Test
	void aWindowOfZeroRemembersNothingAndANegativeOneIsRejected() {
		RecentIds none = new RecentIds(0);
		none.add("a");
		assertThat(none.contains("a")).isFalse();
		assertThatThrownBy(() -> new RecentIds(-1)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("-1");
	}
}
