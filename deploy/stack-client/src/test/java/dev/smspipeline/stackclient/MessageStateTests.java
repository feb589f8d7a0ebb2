package dev.smspipeline.stackclient;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageStateTests {

	@Test
	void labelsAStatusWithOurReasonBeforeTheCarriersCode() {
		assertThat(new MessageState("FAILED", "CARRIER_UNAVAILABLE", "30003").label())
			.isEqualTo("FAILED(CARRIER_UNAVAILABLE)");
	}

	@Test
	void labelsAStatusWithTheCarriersCodeWhenThereIsNoReason() {
		assertThat(new MessageState("FAILED", " ", "21614").label()).isEqualTo("FAILED(21614)");
	}

	@Test
	void labelsAPlainStatusByItsName() {
		assertThat(new MessageState("DELIVERED", null, null).label()).isEqualTo("DELIVERED");
	}

	@Test
	void aTextFailedBecauseTheCarrierKeptFailingIsGivenUp() {
		assertThat(new MessageState("FAILED", "CARRIER_RATE_LIMITED", null).givenUp()).isTrue();
		assertThat(new MessageState("FAILED", "OPTED_OUT", null).givenUp()).isFalse();
	}

	@Test
	void aTextTheCarrierNeverAnsweredForMayHaveBeenTakenAndIsGivenUp() {
		MessageState unanswered = new MessageState("DELIVERY_UNKNOWN", MessageState.NO_ANSWER, null);

		assertThat(unanswered.maybeTaken()).isTrue();
		assertThat(unanswered.givenUp()).isTrue();
		assertThat(new MessageState("DELIVERY_UNKNOWN", null, null).maybeTaken()).isFalse();
	}

	@Test
	void deliveryUnknownIsFinalAndHandedOverSubmittedOnlyHandedOver() {
		assertThat(MessageState.isFinal("DELIVERY_UNKNOWN")).isTrue();
		assertThat(MessageState.isHandedOver("DELIVERY_UNKNOWN")).isTrue();
		assertThat(MessageState.isFinal("SUBMITTED")).isFalse();
		assertThat(MessageState.isHandedOver("SUBMITTED")).isTrue();
		assertThat(MessageState.isHandedOver("FAILED")).isFalse();
	}

}
