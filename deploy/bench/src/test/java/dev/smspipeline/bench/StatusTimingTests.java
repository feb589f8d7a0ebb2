package dev.smspipeline.bench;

import org.junit.jupiter.api.Test;

import dev.smspipeline.events.MessageStatus;

import static org.assertj.core.api.Assertions.assertThat;

class StatusTimingTests {

	@Test
	void aTextIsAtTheCarrierFromItsFirstSubmittedAndFinalFromItsFirstFinalStatus() {
		StatusCollector.Timing timing = new StatusCollector.Timing();

		timing.seen(MessageStatus.QUEUED, 1, 1_000);
		timing.seen(MessageStatus.SUBMITTED, 2, 2_000);
		timing.seen(MessageStatus.SENT, 3, 3_000);
		timing.seen(MessageStatus.DELIVERED, 4, 4_000);

		assertThat(timing.atCarrierMicros).isEqualTo(2_000);
		assertThat(timing.atCarrierRecordMillis).isEqualTo(2);
		assertThat(timing.finalMicros).isEqualTo(4_000);
		assertThat(timing.finalRecordMillis).isEqualTo(4);
		assertThat(timing.finalStatus).isEqualTo(MessageStatus.DELIVERED);
	}

	@Test
	void aLaterFinalStatusDoesNotMoveTheFirst() {
		StatusCollector.Timing timing = new StatusCollector.Timing();

		timing.seen(MessageStatus.DELIVERY_UNKNOWN, 1, 1_000);
		timing.seen(MessageStatus.DELIVERED, 2, 2_000);

		assertThat(timing.finalMicros).isEqualTo(1_000);
		assertThat(timing.finalStatus).isEqualTo(MessageStatus.DELIVERY_UNKNOWN);
	}

	@Test
	void aTextRefusedBeforeTheCarrierIsFinalWithoutBeingAtTheCarrier() {
		StatusCollector.Timing timing = new StatusCollector.Timing();

		timing.seen(MessageStatus.FAILED, 1, 1_000);

		assertThat(timing.atCarrierMicros).isZero();
		assertThat(timing.finalStatus).isEqualTo(MessageStatus.FAILED);
	}

}
