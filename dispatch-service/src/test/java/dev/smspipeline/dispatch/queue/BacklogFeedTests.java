package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.smspipeline.dispatch.backlog.ParkedMessages;
import dev.smspipeline.dispatch.backlog.ParkedRow;

import static dev.smspipeline.dispatch.queue.DispatchHarness.ADA;
import static dev.smspipeline.dispatch.queue.DispatchHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A number's texts beyond its lane's bound are parked, and fed back in order as the lane
 * drains; a parked row is never fed back before the texts read ahead of it.
 */
class BacklogFeedTests {

	private final DispatchHarness harness = new DispatchHarness(2, 20_000, 16,
			new IntakeRetry(3, Duration.ofSeconds(2)));

	@Test
	void parksTheTextsBeyondALanesBound() {
		takeAda(5);

		assertThat(this.harness.dispatcher.parked()).isEqualTo(3);
		assertThat(this.harness.dispatcher.buffered()).isEqualTo(5);
		this.harness.parking.drain();
		assertThat(this.harness.parking.offsets()).containsExactly(2L, 3L, 4L);
		assertThat(this.harness.dispatcher.buffered()).isEqualTo(2);
	}

	@Test
	void parksEveryLaterTextBehindTheParkedOnes() {
		takeAda(3);
		this.harness.parking.drain();
		this.harness.round();

		this.harness.take(ADA, "m3");
		this.harness.parking.drain();

		assertThat(this.harness.parking.offsets()).containsExactly(2L, 3L);
	}

	@Test
	void feedsParkedTextsBackInRequestOrder() {
		takeAda(5);
		this.harness.parking.drain();

		for (int i = 0; i < 5; i++) {
			this.harness.after(Duration.ofSeconds(1));
		}

		assertThat(this.harness.attempts.attempted).containsExactly("m0", "m1", "m2", "m3", "m4");
		assertThat(this.harness.parking.offsets()).isEmpty();
		assertThat(this.harness.dispatcher.parked()).isZero();
	}

	@Test
	void commitsAParkedRecordOnceItIsWrittenWithoutWaitingForItsTurn() {
		takeAda(3);
		this.harness.parking.drain();

		this.harness.round();
		this.harness.after(Duration.ofSeconds(1));

		assertThat(this.harness.attempts.attempted).containsExactly("m0", "m1");
		assertThat(this.harness.progress().committable()).isEqualTo(3);
	}

	@Test
	void doesNotHoldUpTheNumbersOfAParkedOne() {
		takeAda(4);
		this.harness.take(BOB, "b0");

		this.harness.round();

		assertThat(this.harness.attempts.attempted).containsExactly("m0", "b0");
	}

	@Test
	void feedsBackWhatAnEarlierOwnerParkedOnceAssigned() {
		this.harness.seedParked(ADA, "p5", 5);
		this.harness.seedParked(ADA, "p6", 6);
		this.harness.assign(7);

		this.harness.dispatcher.assigned(this.harness.progress(), List.of(new ParkedMessages.Backlog(ADA, 2)));
		this.harness.take(ADA, "m7");
		for (int i = 0; i < 4; i++) {
			this.harness.after(Duration.ofSeconds(1));
		}

		assertThat(this.harness.attempts.attempted).containsExactly("p5", "p6", "m7");
	}

	@Test
	void holdsBackAParkedRowTheConsumerHasNotReadUpTo() {
		this.harness.seedParked(ADA, "p5", 5);
		this.harness.seedParked(ADA, "p6", 6);
		this.harness.assign(3);
		this.harness.dispatcher.assigned(this.harness.progress(), List.of(new ParkedMessages.Backlog(ADA, 2)));
		this.harness.round();
		assertThat(this.harness.attempts.attempted).isEmpty();

		this.harness.take(ADA, "r3");
		this.harness.take(ADA, "r4");
		this.harness.take(ADA, "p5");
		for (int i = 0; i < 6; i++) {
			this.harness.after(Duration.ofSeconds(1));
		}
		assertThat(this.harness.attempts.attempted).containsExactly("r3", "r4", "p5");
		this.harness.take(ADA, "p6");
		this.harness.after(Duration.ofSeconds(1));
		this.harness.after(Duration.ofSeconds(1));

		assertThat(this.harness.attempts.attempted).containsExactly("r3", "r4", "p5", "p6");
	}

	@Test
	void stopsCountingAParkAbandonedByARevocation() {
		takeAda(5);
		this.harness.dispatcher.lost(List.of(this.harness.progress()));

		this.harness.parking.drain();

		assertThat(this.harness.parking.offsets()).isEmpty();
		assertThat(this.harness.dispatcher.buffered()).isZero();
		assertThat(this.harness.dispatcher.parked()).isZero();
	}

	@Test
	void deadLettersAParkedRowThatCannotBeRead() {
		this.harness.parking.seed(new ParkedRow(0, 5, ADA, "junk", "c1", new byte[] { 0, 1, 2 }, DispatchHarness.T0));
		this.harness.assign(6);

		this.harness.dispatcher.assigned(this.harness.progress(), List.of(new ParkedMessages.Backlog(ADA, 1)));
		this.harness.round();
		this.harness.parking.drain();

		assertThat(this.harness.deadLetters).hasSize(1);
		assertThat(this.harness.parking.offsets()).isEmpty();
	}

	private void takeAda(int texts) {
		for (int i = 0; i < texts; i++) {
			this.harness.take(ADA, "m" + i);
		}
	}

}
