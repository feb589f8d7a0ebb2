package dev.smspipeline.dispatch.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static dev.smspipeline.dispatch.queue.DispatchHarness.ADA;
import static dev.smspipeline.dispatch.queue.DispatchHarness.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each number's texts go in request order, one at a time, paced; other numbers go
 * meanwhile.
 */
class LaneOrderTests {

	private final DispatchHarness harness = new DispatchHarness();

	@Test
	void attemptsNothingBeforeTheSchedulerRuns() {
		this.harness.take(ADA, "m1");

		assertThat(this.harness.attempts.attempted).isEmpty();
	}

	@Test
	void sendsANumbersTextsInRequestOrderAtThePacersInterval() {
		this.harness.take(ADA, "m1");
		this.harness.take(ADA, "m2");
		this.harness.take(ADA, "m3");

		this.harness.round();
		assertThat(this.harness.attempts.attempted).containsExactly("m1");
		this.harness.after(Duration.ofMillis(999));
		assertThat(this.harness.attempts.attempted).containsExactly("m1");
		this.harness.after(Duration.ofMillis(1));
		this.harness.after(Duration.ofSeconds(1));
		assertThat(this.harness.attempts.attempted).containsExactly("m1", "m2", "m3");
	}

	@Test
	void attemptsOneTextPerNumberAtATime() {
		this.harness.workers.hold();
		this.harness.take(ADA, "m1");
		this.harness.take(ADA, "m2");

		this.harness.round();
		this.harness.after(Duration.ofSeconds(10));

		assertThat(this.harness.workers.waiting()).isOne();
		this.harness.workers.runAll();
		assertThat(this.harness.attempts.attempted).containsExactly("m1");
	}

	@Test
	void doesNotHoldUpOtherNumbers() {
		this.harness.take(ADA, "m1");
		this.harness.take(ADA, "m2");
		this.harness.take(BOB, "m3");

		this.harness.round();

		assertThat(this.harness.attempts.attempted).containsExactly("m1", "m3");
	}

	@Test
	void keepsToTheMostAttemptsInFlight() {
		DispatchHarness narrow = new DispatchHarness(50, 20_000, 1, new IntakeRetry(3, Duration.ofSeconds(2)));
		narrow.workers.hold();
		narrow.take(ADA, "m1");
		narrow.take(BOB, "m2");

		narrow.round();
		assertThat(narrow.workers.waiting()).isOne();
		narrow.workers.runAll();
		narrow.round();
		narrow.workers.runAll();

		assertThat(narrow.attempts.attempted).containsExactly("m1", "m2");
	}

	@Test
	void waitsForATextsNotBefore() {
		this.harness.take(DispatchHarness.request(ADA, "m1").setNotBefore(DispatchHarness.T0.plusSeconds(30)).build());

		this.harness.after(Duration.ofSeconds(29));
		assertThat(this.harness.attempts.attempted).isEmpty();
		this.harness.after(Duration.ofSeconds(1));
		assertThat(this.harness.attempts.attempted).containsExactly("m1");
	}

	@Test
	void assumesANewNumberHadATextWhenItsPartitionWasAssigned() {
		this.harness.assign(0, DispatchHarness.T0);
		this.harness.take(ADA, "m1");

		this.harness.round();
		assertThat(this.harness.attempts.attempted).isEmpty();
		this.harness.after(Duration.ofSeconds(1));
		assertThat(this.harness.attempts.attempted).containsExactly("m1");
	}

	@Test
	void commitsEachRecordOnceItsOutcomeIsAcknowledged() {
		this.harness.take(ADA, "m1");
		this.harness.take(BOB, "m2");

		this.harness.round();

		assertThat(this.harness.progress().committable()).isEqualTo(2);
		assertThat(this.harness.dispatcher.buffered()).isZero();
	}

}
