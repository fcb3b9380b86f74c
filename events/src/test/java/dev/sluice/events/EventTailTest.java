package dev.sluice.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sluice.events.EventReads.SeqEvent;

/** The tail's cursor on its own: pages as the store would return them, times as numbers. */
class EventTailTest {

	static List<SeqEvent> rows(long... seqs) {
		List<SeqEvent> out = new ArrayList<>();
		for (long s : seqs) {
			out.add(new SeqEvent(s, Event.builder().time(Instant.EPOCH).module("m").message("e" + s).build()));
		}
		return out;
	}

	static List<String> messages(List<Event> events) {
		return events.stream().map(Event::message).toList();
	}

	@Test
	void aContiguousRunMovesTheCursorAndRemembersNothing() {
		EventTail tail = new EventTail(10, Duration.ofSeconds(10));
		assertThat(messages(tail.accept(rows(11, 12, 13), 0))).containsExactly("e11", "e12", "e13");
		assertThat(tail.cursor()).isEqualTo(13);
		assertThat(tail.remembered()).isZero();
	}

	@Test
	void rowsAboveAGapAreEmittedOnceAndTheCursorWaitsForTheGap() {
		EventTail tail = new EventTail(10, Duration.ofSeconds(10));
		assertThat(messages(tail.accept(rows(12, 13), 1_000))).containsExactly("e12", "e13");
		assertThat(tail.cursor()).isEqualTo(10);
		// the next poll reads from 10 again: 12 and 13 come back and are not emitted twice; 11 has committed
		assertThat(messages(tail.accept(rows(11, 12, 13, 14), 2_000))).containsExactly("e11", "e14");
		assertThat(tail.cursor()).isEqualTo(14);
		assertThat(tail.remembered()).isZero();
	}

	@Test
	void aGapIsGivenUpWhenTheRowAboveItWasSeenTheLateCommitWindowAgo() {
		EventTail tail = new EventTail(10, Duration.ofSeconds(10));
		tail.accept(rows(12), 1_000);
		tail.accept(rows(12, 14), 5_000);
		assertThat(tail.cursor()).isEqualTo(10);
		tail.accept(rows(12, 14), 10_999);
		assertThat(tail.cursor()).as("9.999 s after 12 was seen").isEqualTo(10);
		tail.accept(rows(12, 14), 11_000);
		assertThat(tail.cursor()).as("11 given up; 13 not yet: 14 was seen only 6 s ago").isEqualTo(12);
		assertThat(messages(tail.accept(rows(13, 14), 12_000))).containsExactly("e13");
		assertThat(tail.cursor()).isEqualTo(14);
	}

	@Test
	void rowsAtOrBelowTheCursorAreNeverEmittedAgain() {
		EventTail tail = new EventTail(10, Duration.ofSeconds(10));
		assertThat(tail.accept(rows(9, 10), 0)).isEmpty();
		assertThat(tail.cursor()).isEqualTo(10);
	}
}
