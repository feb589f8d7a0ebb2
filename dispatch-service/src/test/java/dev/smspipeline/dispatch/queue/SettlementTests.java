package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.smspipeline.dispatch.consent.Cancellation;
import dev.smspipeline.dispatch.consent.CancellationsRecorded;

import static dev.smspipeline.dispatch.queue.DispatchHarness.ADA;
import static dev.smspipeline.dispatch.queue.DispatchHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Texts decided without the carrier: past their validity or cancelled, at once, without
 * waiting for their number's turn.
 */
class SettlementTests {

	private final DispatchHarness harness = new DispatchHarness();

	@Test
	void decidesAnExpiredTextAtOnceWithoutTheCarrier() {
		this.harness.take(DispatchHarness.request(ADA, "m1").setExpiresAt(T0).build());

		assertThat(this.harness.attempts.settled).containsExactly("m1");
		assertThat(this.harness.attempts.attempted).isEmpty();
		assertThat(this.harness.progress().committable()).isOne();
	}

	@Test
	void decidesATextOfACancelledCampaignWithoutWaitingForItsTurn() {
		this.harness.take(ADA, "m1");
		this.harness.round();
		this.harness.attempts.cancelledCampaigns.add("c1");

		this.harness.take(ADA, "m2");

		assertThat(this.harness.attempts.settled).containsExactly("m2");
		assertThat(this.harness.progress().committable()).isEqualTo(2);
	}

	@Test
	void sweepsTheQueuedTextsANewCancellationCovers() {
		this.harness.take(ADA, "m1");
		this.harness.take(ADA, "m2");
		this.harness.take(DispatchHarness.request(ADA, "m3").setCampaignId("c2").build());
		this.harness.attempts.cancelledCampaigns.add("c1");

		this.harness.dispatcher.onCancellations(
				new CancellationsRecorded(List.of(new Cancellation("c1", null, Cancellation.CAMPAIGN_CANCELED))));
		this.harness.round();

		assertThat(this.harness.attempts.settled).containsExactly("m1", "m2");
		assertThat(this.harness.attempts.attempted).containsExactly("m3");
	}

	@Test
	void leavesTheTextInFlightToItsAttemptWhenCancelled() {
		this.harness.workers.hold();
		this.harness.take(ADA, "m1");
		this.harness.round();

		this.harness.dispatcher.onCancellations(
				new CancellationsRecorded(List.of(new Cancellation("c1", null, Cancellation.CAMPAIGN_CANCELED))));

		assertThat(this.harness.attempts.settled).isEmpty();
		assertThat(this.harness.dispatcher.buffered()).isOne();
	}

	@Test
	void queuesATextTheDatabaseDoesNotFindDecided() {
		this.harness.attempts.cancelledCampaigns.add("c1");
		this.harness.settlers.hold();
		this.harness.take(ADA, "m1");
		this.harness.attempts.cancelledCampaigns.clear();

		this.harness.settlers.runAll();
		this.harness.round();

		assertThat(this.harness.attempts.attempted).containsExactly("m1");
	}

	@Test
	void triesASettlementThatThrowsAgainAfterTheBackoff() {
		this.harness.attempts.failSettling("m1");
		this.harness.take(DispatchHarness.request(ADA, "m1").setExpiresAt(T0).build());
		assertThat(this.harness.progress().committable()).isZero();

		this.harness.after(Duration.ofSeconds(2));

		assertThat(this.harness.attempts.settled).containsExactly("m1", "m1");
		assertThat(this.harness.progress().committable()).isOne();
	}

}
