package dev.smspipeline.dispatch.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.smspipeline.dispatch.submission.Step;

import static dev.smspipeline.dispatch.queue.DispatchHarness.ADA;
import static dev.smspipeline.dispatch.queue.DispatchHarness.SENDER;
import static dev.smspipeline.dispatch.queue.DispatchHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attempt teaches: when the same text goes again, what the pacer holds, and when
 * a text whose processing keeps throwing is given up to the dead-letter topic.
 */
class AttemptRunnerTests {

	private static final String TOLL_FREE = "+18005550100";

	private final DispatchHarness harness = new DispatchHarness();

	@Test
	void triesAThrowingAttemptAgainAfterTheBackoff() {
		this.harness.attempts.fail("m1");
		this.harness.take(ADA, "m1");

		this.harness.round();
		this.harness.after(Duration.ofMillis(1999));
		assertThat(this.harness.attempts.attempted).containsExactly("m1");
		this.harness.after(Duration.ofMillis(1));

		assertThat(this.harness.attempts.attempted).containsExactly("m1", "m1");
		assertThat(this.harness.progress().committable()).isOne();
	}

	@Test
	void deadLettersATextOnceItsAttemptsRanOut() {
		this.harness.attempts.failAlways("m1");
		this.harness.take(ADA, "m1");

		this.harness.round();
		this.harness.after(Duration.ofSeconds(2));
		assertThat(this.harness.deadLetters).isEmpty();
		this.harness.after(Duration.ofSeconds(2));

		assertThat(this.harness.attempts.attempted).hasSize(3);
		assertThat(this.harness.deadLetters).hasSize(1);
		assertThat(this.harness.attempts.processingFailed).containsExactly("m1");
		assertThat(this.harness.progress().committable()).isOne();
	}

	@Test
	void keepsTheNextTextOfTheNumberBehindARetry() {
		this.harness.attempts.answer("m1", new Step.Retry(T0.plusSeconds(5), Step.Hold.NONE, T0, true));
		this.harness.take(ADA, "m1");
		this.harness.take(ADA, "m2");

		this.harness.round();
		this.harness.after(Duration.ofSeconds(4));
		assertThat(this.harness.attempts.attempted).containsExactly("m1");
		this.harness.after(Duration.ofSeconds(1));
		this.harness.after(Duration.ofSeconds(1));

		assertThat(this.harness.attempts.attempted).containsExactly("m1", "m1", "m2");
	}

	@Test
	void backsOffOnlyTheTextWhenTheRetryHoldsNothing() {
		this.harness.attempts.answer("m1", new Step.Retry(T0.plusSeconds(5), Step.Hold.NONE, T0, true));
		this.harness.take(ADA, "m1");

		this.harness.round();

		assertThat(this.harness.pacer.held(ADA, T0.plusSeconds(1))).isFalse();
	}

	@Test
	void holdsTheRecipientForTheCarriersWait() {
		this.harness.attempts.answer("m1", new Step.Retry(T0.plusSeconds(30), Step.Hold.RECIPIENT, T0, false));
		this.harness.take(ADA, "m1");

		this.harness.round();
		assertThat(this.harness.pacer.earliest(ADA, TOLL_FREE, 1, T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(30));
		this.harness.after(Duration.ofSeconds(29));
		assertThat(this.harness.attempts.attempted).containsExactly("m1");
		this.harness.after(Duration.ofSeconds(1));

		assertThat(this.harness.attempts.attempted).containsExactly("m1", "m1");
	}

	@Test
	void holdsOnlyThePairWhenTheCarrierHoldsThePair() {
		this.harness.attempts.answer("m1", new Step.Retry(T0.plusSeconds(30), Step.Hold.PAIR, T0, false));
		this.harness.take(ADA, "m1");

		this.harness.round();

		assertThat(this.harness.pacer.earliest(ADA, SENDER, 1, T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(30));
		assertThat(this.harness.pacer.earliest(ADA, TOLL_FREE, 1, T0.plusSeconds(1))).isEqualTo(T0.plusSeconds(1));
	}

	@Test
	void recordsTheDelayBeforeATextsFirstAttemptOnce() {
		this.harness.attempts.fail("m1");
		this.harness.take(ADA, "m1");

		this.harness.round();
		this.harness.after(Duration.ofSeconds(2));

		assertThat(this.harness.meters.get("sms.dispatch.throttle.delay").timer().count()).isOne();
	}

}
