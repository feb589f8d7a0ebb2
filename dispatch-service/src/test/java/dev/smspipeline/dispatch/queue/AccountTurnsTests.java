package dev.smspipeline.dispatch.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static dev.smspipeline.dispatch.queue.DispatchHarness.ADA;
import static dev.smspipeline.dispatch.queue.DispatchHarness.ofAccount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On one number, accounts take turns within a traffic class; each account's texts of a
 * class keep their request order, and one account's backlog does not park another's
 * texts.
 */
class AccountTurnsTests {

	@Test
	void takesTurnsBetweenAccountsOnOneNumber() {
		DispatchHarness harness = new DispatchHarness();
		for (int i = 1; i <= 3; i++) {
			harness.take(ofAccount("acme", ADA, "a" + i).build());
		}
		harness.take(ofAccount("globex", ADA, "g1").build());

		harness.round();
		for (int i = 0; i < 3; i++) {
			harness.after(Duration.ofSeconds(1));
		}

		assertThat(harness.attempts.attempted).containsExactly("a1", "g1", "a2", "a3");
	}

	@Test
	void keepsEachAccountsTextsOfAClassInRequestOrder() {
		DispatchHarness harness = new DispatchHarness();
		harness.take(ofAccount("acme", ADA, "b1").setPriority(dev.smspipeline.events.TrafficClass.BULK).build());
		harness.take(ofAccount("acme", ADA, "t1").build());
		harness.take(ofAccount("acme", ADA, "b2").setPriority(dev.smspipeline.events.TrafficClass.BULK).build());
		harness.take(ofAccount("acme", ADA, "t2").build());

		harness.round();
		for (int i = 0; i < 3; i++) {
			harness.after(Duration.ofSeconds(1));
		}

		assertThat(harness.attempts.attempted).containsExactly("t1", "t2", "b1", "b2");
	}

	@Test
	void letsAnotherAccountsTextPastANumbersParkedBacklog() {
		DispatchHarness harness = new DispatchHarness(2, 20_000, 16, new IntakeRetry(3, Duration.ofSeconds(2)));
		for (int i = 1; i <= 6; i++) {
			harness.take(ofAccount("acme", ADA, "a" + i).build());
		}
		harness.take(ofAccount("globex", ADA, "g1").build());
		harness.parking.drain();

		assertThat(harness.parking.offsets()).containsExactly(2L, 3L, 4L, 5L);
		harness.round();
		harness.after(Duration.ofSeconds(1));

		assertThat(harness.attempts.attempted).containsExactly("a1", "g1");
	}

	@Test
	void parksAnAccountsLaterTextsBehindItsParkedOnes() {
		DispatchHarness harness = new DispatchHarness(2, 20_000, 16, new IntakeRetry(3, Duration.ofSeconds(2)));
		for (int i = 1; i <= 3; i++) {
			harness.take(ofAccount("acme", ADA, "a" + i).build());
		}
		harness.parking.drain();
		harness.round();

		harness.take(ofAccount("acme", ADA, "a4").build());
		harness.parking.drain();
		for (int i = 0; i < 4; i++) {
			harness.after(Duration.ofSeconds(1));
		}

		assertThat(harness.attempts.attempted).containsExactly("a1", "a2", "a3", "a4");
		assertThat(harness.parking.offsets()).isEmpty();
	}

}
