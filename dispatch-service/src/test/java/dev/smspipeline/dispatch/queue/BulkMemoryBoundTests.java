package dev.smspipeline.dispatch.queue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.smspipeline.dispatch.consent.Cancellation;
import dev.smspipeline.dispatch.consent.CancellationsRecorded;

import static dev.smspipeline.dispatch.queue.DispatchHarness.bulk;
import static dev.smspipeline.dispatch.queue.DispatchHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk texts have a memory share of their own: beyond it they are parked and fed back as
 * room frees, and the consumer keeps taking transactional texts.
 */
class BulkMemoryBoundTests {

	private final DispatchHarness harness = new DispatchHarness(50, 12, 16, new IntakeRetry(3, Duration.ofSeconds(2)),
			new PrioritySettings(10, 4));

	@Test
	void parksBulkTextsBeyondTheirShareOfMemory() {
		this.harness.workers.hold();
		takeBulk(6);
		this.harness.parking.drain();

		assertThat(this.harness.parking.offsets()).containsExactly(4L, 5L);
		assertThat(this.harness.dispatcher.buffered()).isEqualTo(4);
	}

	@Test
	void keepsTakingTransactionalTextsWhileBulkTextsFillTheirShare() {
		this.harness.workers.hold();
		for (int i = 0; i < 20; i++) {
			this.harness.take(bulk("+1415555" + (1000 + i), "b" + i).build());
			// the parked table keeps up
			this.harness.parking.drain();
		}

		for (int i = 0; i < 7; i++) {
			this.harness.take(request("+1415556" + (1000 + i), "t" + i).build());
		}
		this.harness.parking.drain();

		assertThat(this.harness.gate).isEmpty();
		assertThat(this.harness.dispatcher.buffered()).isEqualTo(11);
	}

	@Test
	void feedsParkedBulkTextsBackAsTheirShareFrees() {
		takeBulk(6);
		this.harness.parking.drain();

		this.harness.round();
		this.harness.after(Duration.ofMillis(10));
		this.harness.after(Duration.ofMillis(10));

		assertThat(this.harness.attempts.attempted).containsExactlyInAnyOrder("b0", "b1", "b2", "b3", "b4", "b5");
		assertThat(this.harness.parking.offsets()).isEmpty();
	}

	@Test
	void feedsParkedBulkTextsBackWhenACancellationFreesTheirShare() {
		takeBulk(4);
		for (int i = 4; i < 6; i++) {
			this.harness.take(bulk("+1415555" + (1000 + i), "b" + i).setCampaignId("c2").build());
		}
		this.harness.parking.drain();
		this.harness.attempts.cancelledCampaigns.add("c1");

		this.harness.dispatcher.onCancellations(
				new CancellationsRecorded(List.of(new Cancellation("c1", null, Cancellation.CAMPAIGN_CANCELED))));
		this.harness.round();
		this.harness.round();

		assertThat(this.harness.attempts.settled).containsExactlyInAnyOrder("b0", "b1", "b2", "b3");
		assertThat(this.harness.attempts.attempted).containsExactlyInAnyOrder("b4", "b5");
	}

	private void takeBulk(int numbers) {
		for (int i = 0; i < numbers; i++) {
			this.harness.take(bulk("+1415555" + (1000 + i), "b" + i).build());
		}
	}

}
