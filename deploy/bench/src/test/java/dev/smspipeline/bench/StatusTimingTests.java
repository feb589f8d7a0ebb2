package dev.smspipeline.bench;

import org.junit.jupiter.api.Test;

import dev.smspipeline.events.MessageStatus;

import static org.assertj.core.api.Assertions.assertThat;

class StatusTimingTests {

	@Test
	void aTextIsAtTheCarrierFromItsFirstSubmittedAndFinalFromItsFirstFinalStatus() {
		StatusCollector.Timing timing = seen(MessageStatus.QUEUED, MessageStatus.SUBMITTED, MessageStatus.SENT,
				MessageStatus.DELIVERED);

		assertThat(timing.atCarrierMicros).isEqualTo(2_000);
		assertThat(timing.atCarrierRecordMillis).isEqualTo(2);
		assertThat(timing.finalMicros).isEqualTo(4_000);
		assertThat(timing.finalRecordMillis).isEqualTo(4);
		assertThat(timing.finalStatus).isEqualTo(MessageStatus.DELIVERED);
	}

	@Test
	void aLaterFinalStatusDoesNotMoveTheFirst() {
		StatusCollector.Timing timing = seen(MessageStatus.DELIVERY_UNKNOWN, MessageStatus.DELIVERED);

		assertThat(timing.finalMicros).isEqualTo(1_000);
		assertThat(timing.finalStatus).isEqualTo(MessageStatus.DELIVERY_UNKNOWN);
	}

	@Test
	void aTextRefusedBeforeTheCarrierIsFinalWithoutBeingAtTheCarrier() {
		StatusCollector.Timing timing = seen(MessageStatus.FAILED);

		assertThat(timing.atCarrierMicros).isZero();
		assertThat(timing.finalStatus).isEqualTo(MessageStatus.FAILED);
	}

	/** The timing of a text whose statuses were read one a millisecond, from 1 ms. */
	private static StatusCollector.Timing seen(MessageStatus... statuses) {
		StatusCollector.Timing timing = new StatusCollector.Timing();
		for (int i = 0; i < statuses.length; i++) {
			timing.seen(statuses[i], i + 1, (i + 1) * 1_000L);
		}
		return timing;
	}

}
